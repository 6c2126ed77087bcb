package com.evalue.transforms.health.estimate;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.normalise.PointSeries;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.model.Make;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * raw_results of one VIN (spec: pipeline.md §4): one {@link PhaseResult} per phase, from the VIN's processed_tss
 * points and phases and its fleet_info attributes.
 */
public final class PhaseEstimator {
  private PhaseEstimator() {}

  public static List<PhaseResult> estimate(Make make, List<ProcessedPoint> sortedPoints, List<Phase> phases,
      FleetInfo info, AnalyticsConfig config, HealthCounters counters) {
    PointSeries series = new PointSeries(sortedPoints);
    double[] pairedSoc = series.asOf("soc", config.asofMaxAgeMinutes());
    Double capacity = info.usableNetCapacity();
    Double range = info.usableRange();
    Boolean bmsInformative = make == Make.TESLA ? SohFormulas.bmsInformative(series, pairedSoc, config) : null;
    int[] lastSohOem = make == Make.STELLANTIS ? lastNonNullIndex(series.column("soh_oem")) : null;
    List<PhaseResult> out = new ArrayList<>(phases.size());
    for (Phase phase : phases) {
      PhaseRows rows = PhaseRows.of(series, phase, pairedSoc);
      // §4.1 base aggregates.
      Double odometerFirst = rows.first("odometer");
      Double odometerLast = rows.last("odometer");
      Double odometerDiff = odometerFirst == null || odometerLast == null ? null : odometerLast - odometerFirst;
      Double sohOemMedian = rows.median("soh_oem");
      Double consumptionOemMean = make == Make.BMW ? rows.mean("consumption_oem") : null;

      // §4.2 per-make estimates.
      Double sohRaw = null;
      SohMethod method = null;
      Double sohAc = null;
      Double sohBms = null;
      Double tempC = null;
      Double chargingDurationOem = null;
      Double energyChargedOem = null;
      switch (make) {
        case TESLA -> {
          sohRaw = SohFormulas.valid(SohFormulas.teslaDcEnergy(phase, rows, capacity, config), config);
          method = sohRaw == null ? null : SohMethod.DC_ENERGY;
          sohAc = SohFormulas.valid(SohFormulas.teslaAcEnergy(phase, rows, capacity, config), config);
          sohBms = SohFormulas.valid(SohFormulas.teslaBms(phase, rows, capacity, bmsInformative, config), config);
        }
        case RENAULT, FORD, KIA -> {
          sohRaw = SohFormulas.valid(SohFormulas.energyContent(phase, rows, capacity, config.socWindow(make)),
              config);
          method = sohRaw == null ? null : SohMethod.ENERGY_CONTENT;
          if (make == Make.RENAULT) {
            tempC = rows.median("outside_temperature");
          }
        }
        case VOLVO_CARS -> {
          sohRaw = SohFormulas.valid(SohFormulas.rangeRatio(phase, rows, range, config.socWindow(make), config),
              config);
          method = sohRaw == null ? null : SohMethod.RANGE_RATIO;
        }
        case MERCEDES_BENZ -> {
          sohRaw = SohFormulas.valid(SohFormulas.sessionEnergy(phase, rows, capacity, config), config);
          method = sohRaw == null ? null : SohMethod.SESSION_ENERGY;
          if (sohRaw == null) { // the fallback, when session_energy gives none
            sohRaw = SohFormulas.valid(SohFormulas.chargePower(phase, rows, capacity, config), config);
            method = sohRaw == null ? null : SohMethod.CHARGE_POWER;
          }
          chargingDurationOem = rows.last("total_charging_duration");
          energyChargedOem = rows.last("energy_charged");
        }
        case BMW, STELLANTIS -> { } // OEM SoH only
      }
      count(counters, method, sohRaw);
      count(counters, SohMethod.AC_ENERGY_EFF90, sohAc);
      count(counters, SohMethod.BMS_ENERGY, sohBms);

      // §4.4 consumption, ratio, power, levels, efc.
      Double latestSohOem = make == Make.STELLANTIS ? latestAtOrBefore(series, lastSohOem, phase) : null;
      Double consumption = PhaseUsage.consumption(make, phase, odometerDiff, capacity, latestSohOem,
          consumptionOemMean, config);
      Double power = PhaseUsage.chargingPowerKw(make, rows);
      PhaseUsage.Levels levels = PhaseUsage.levels(phase, power, config);

      out.add(new PhaseResult(phase.vin(), phase.phaseIndex(), phase.datetimeBegin(), phase.datetimeEnd(),
          phase.phaseStatus(), phase.socFirst(), phase.socLast(), phase.socDiff(), phase.socPoints(),
          phase.durationMinutes(), phase.isUsable(),
          make.code(), info.model(), info.type(), info.version(), info.netCapacity(), info.range(),
          odometerFirst, odometerLast, odometerDiff,
          sohRaw, method, sohAc, sohBms, bmsInformative, tempC,
          sohOemMedian, power, consumption, PhaseUsage.ratioKmSoc(phase, odometerDiff),
          levels.level1(), levels.level2(), levels.level3(), PhaseUsage.efc(phase),
          chargingDurationOem, energyChargedOem));
    }
    return out;
  }

  private static void count(HealthCounters counters, @Nullable SohMethod method, @Nullable Double value) {
    if (method != null && value != null) {
      counters.inc(HealthCounters.estimates(method));
    }
  }

  /** For each row, the index of the latest row at or before it with a non-null value (−1 when none). */
  private static int[] lastNonNullIndex(double[] column) {
    int[] out = new int[column.length];
    int last = -1;
    for (int i = 0; i < column.length; i++) {
      if (!Double.isNaN(column[i])) {
        last = i;
      }
      out[i] = last;
    }
    return out;
  }

  /** The latest OEM SoH reading at or before the phase's datetime_end, over the VIN's whole history (§4.4). */
  private static @Nullable Double latestAtOrBefore(PointSeries series, int[] lastIndex, Phase phase) {
    int end = series.endAtOrBefore(phase.datetimeEnd()) - 1;
    int i = end < 0 ? -1 : lastIndex[end];
    return i < 0 ? null : series.column("soh_oem")[i];
  }
}
