package com.evalue.transforms.health.estimate;

import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.config.ValueRange;
import com.evalue.transforms.health.normalise.PointSeries;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.health.stats.Quantiles;
import com.evalue.transforms.model.Timestamps;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * The per-make SoH formulas of spec pipeline.md §4.2, one method per table row, each returning the estimate or null
 * when a "kept only when" condition fails. SoC is in percent. The validity range ({@link #valid}) is applied by the
 * caller, after the formula.
 */
public final class SohFormulas {
  private SohFormulas() {}

  /** "An estimate of ±∞, 0, or outside phase_soh_valid_range [0.5, 1.5] becomes null" (§4.2). */
  public static @Nullable Double valid(@Nullable Double soh, AnalyticsConfig config) {
    if (soh == null || soh.isNaN() || soh.isInfinite() || soh == 0.0) {
      return null;
    }
    return config.phaseSohValidRange().contains(soh) ? soh : null;
  }

  /** last non-null − min of a per-session counter in the phase (tesla dc/ac added). */
  public static @Nullable Double lastMinusMin(PhaseRows rows, String signal) {
    Double last = rows.last(signal);
    Double min = rows.min(signal);
    return last == null ? null : last - min;
  }

  private static boolean deltaSocOk(Phase phase, SohMethod method, AnalyticsConfig config) {
    return !config.needsMinDeltaSoc(method) || phase.socDiff() >= config.minDeltaSoc();
  }

  /** tesla {@code dc_energy}: dc_added / (soc_diff/100 × net_capacity). */
  public static @Nullable Double teslaDcEnergy(Phase phase, PhaseRows rows, @Nullable Double netCapacity,
      AnalyticsConfig config) {
    Double dcAdded = lastMinusMin(rows, "dc_charge_energy_added");
    if (netCapacity == null || phase.phaseStatus() != PhaseStatus.CHARGING || !phase.isUsable()
        || !deltaSocOk(phase, SohMethod.DC_ENERGY, config) || dcAdded == null || !(dcAdded > 0)) {
      return null;
    }
    return dcAdded / (phase.socDiff() / 100.0 * netCapacity);
  }

  /** tesla {@code ac_energy_eff90}: ac_added × 0.90 / (soc_diff/100 × net_capacity), only without DC energy. */
  public static @Nullable Double teslaAcEnergy(Phase phase, PhaseRows rows, @Nullable Double netCapacity,
      AnalyticsConfig config) {
    Double acAdded = lastMinusMin(rows, "ac_charge_energy_added");
    Double dcAdded = lastMinusMin(rows, "dc_charge_energy_added");
    if (netCapacity == null || phase.phaseStatus() != PhaseStatus.CHARGING || !phase.isUsable()
        || !deltaSocOk(phase, SohMethod.AC_ENERGY_EFF90, config) || acAdded == null || !(acAdded > 0)
        || (dcAdded != null && dcAdded > 0)) {
      return null;
    }
    return acAdded * config.teslaAcEfficiency() / (phase.socDiff() / 100.0 * netCapacity);
  }

  /**
   * tesla {@code bms_energy}: the median over the phase's rows in the BMS SoC window of
   * energy_remaining / (soc/100) / net_capacity; needs a BMS-informative VIN, a usable phase, ≥ 3 such rows.
   */
  public static @Nullable Double teslaBms(Phase phase, PhaseRows rows, @Nullable Double netCapacity,
      boolean bmsInformative, AnalyticsConfig config) {
    if (netCapacity == null || !bmsInformative || !phase.isUsable()) {
      return null;
    }
    double[] perSoc = rows.perSocInWindow("energy_remaining", config.bmsSocWindow());
    if (perSoc.length < config.bmsMinRowsPerPhase()) {
      return null;
    }
    return Quantiles.median(perSoc) / netCapacity;
  }

  /**
   * The Tesla BMS-informative test over the VIN's full history (§4.2): the rows with energy_remaining and a paired
   * SoC in the window give r = energy_remaining/(soc/100); informative iff ≥ 20 rows and q(0.95) − q(0.05) of r
   * &gt; 0.05 kWh.
   */
  public static boolean bmsInformative(PointSeries series, double[] pairedSoc, AnalyticsConfig config) {
    PhaseRows all = new PhaseRows(series, 0, series.size(), pairedSoc);
    double[] r = all.perSocInWindow("energy_remaining", config.bmsSocWindow());
    if (r.length < config.bmsConstantMinRows()) {
      return false;
    }
    Arrays.sort(r);
    return Quantiles.quantileOfSorted(r, 0.95) - Quantiles.quantileOfSorted(r, 0.05) > config.bmsConstantSpreadKwh();
  }

  /**
   * renault / ford / kia {@code energy_content}: the median over rows in the make's SoC window of
   * battery_energy / (net_capacity × soc/100); needs a usable phase.
   */
  public static @Nullable Double energyContent(Phase phase, PhaseRows rows, @Nullable Double netCapacity,
      @Nullable ValueRange window) {
    if (netCapacity == null || window == null || !phase.isUsable()) {
      return null;
    }
    Double median = Quantiles.median(rows.perSocInWindow("battery_energy", window));
    return median == null ? null : median / netCapacity;
  }

  /** volvo-cars {@code range_ratio}: the median over rows in [70, 100] of (estimated_range/(soc/100))/range/0.87. */
  public static @Nullable Double rangeRatio(Phase phase, PhaseRows rows, @Nullable Double range,
      @Nullable ValueRange window, AnalyticsConfig config) {
    if (range == null || window == null || !phase.isUsable()) {
      return null;
    }
    Double median = Quantiles.median(rows.perSocInWindow("estimated_range", window));
    return median == null ? null : median / range / config.volvoRangeFactor();
  }

  /**
   * The energy added by a per-session counter with resets (§4.2, Mercedes-Benz): a value lower than the previous
   * one starts a new count, so the result is the sum of the non-negative increments between consecutive readings.
   * Without a reset this is last − min. Null without readings.
   */
  public static @Nullable Double energyAddedWithResets(double[] readings) {
    if (readings.length == 0) {
      return null;
    }
    double sum = 0;
    for (int i = 1; i < readings.length; i++) {
      double step = readings[i] - readings[i - 1];
      if (step >= 0) {
        sum += step;
      }
    }
    return sum;
  }

  /** mercedes-benz {@code session_energy}: energy_added / (soc_diff/100 × net_capacity). */
  public static @Nullable Double sessionEnergy(Phase phase, PhaseRows rows, @Nullable Double netCapacity,
      AnalyticsConfig config) {
    Double added = energyAddedWithResets(rows.values("energy_charged"));
    if (netCapacity == null || phase.phaseStatus() != PhaseStatus.CHARGING || !phase.isUsable()
        || !deltaSocOk(phase, SohMethod.SESSION_ENERGY, config) || added == null || !(added > 0)) {
      return null;
    }
    return added / (phase.socDiff() / 100.0 * netCapacity);
  }

  /**
   * The time-weighted mean charging power of a phase (§4.2, Mercedes-Benz): each row with a non-null
   * charging_power lasts until the next such row, the last one until datetime_end; only durations &gt; 0 count.
   */
  public static @Nullable Double rateMean(Phase phase, PhaseRows rows) {
    double[] rate = rows.values("charging_power");
    long[] at = rows.microsOf("charging_power");
    long end = Timestamps.toEpochMicros(phase.datetimeEnd());
    double weighted = 0;
    double total = 0;
    for (int k = 0; k < rate.length; k++) {
      double dur = (k + 1 < rate.length ? at[k + 1] : end) - at[k];
      if (dur > 0) {
        weighted += rate[k] * dur;
        total += dur;
      }
    }
    return total > 0 ? weighted / total : null;
  }

  /** mercedes-benz {@code charge_power}: duration_h × rate_mean / (soc_diff/100) / net_capacity. */
  public static @Nullable Double chargePower(Phase phase, PhaseRows rows, @Nullable Double netCapacity,
      AnalyticsConfig config) {
    double hours = phase.durationMinutes() / 60.0;
    Double rateMean = rateMean(phase, rows);
    if (netCapacity == null || phase.phaseStatus() != PhaseStatus.CHARGING
        || !(phase.socLast() < config.mercedesMaxSocLast()) || !(hours < config.mercedesMaxHours())
        || !(phase.socPoints() > config.mercedesMinPoints()) || rateMean == null || !(rateMean > 0)
        || !deltaSocOk(phase, SohMethod.CHARGE_POWER, config)) {
      return null;
    }
    return hours * rateMean / (phase.socDiff() / 100.0) / netCapacity;
  }
}
