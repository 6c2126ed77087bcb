package com.evalue.transforms.health.weekly;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.stats.Quantiles;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.model.Make;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * processed_results of one VIN (spec: pipeline.md §5 steps 1–9): raw_results phases + processed_tss points → one
 * {@link WeeklyHealth} per ISO week, oldest first.
 */
public final class WeeklyAggregator {
  /** Step 8: estimated-SoH bounds are clipped to [0, 1.0], OEM-SoH bounds to [0, 1.2]. */
  static final double ESTIMATED_CI_MAX = 1.0;
  static final double OEM_CI_MAX = 1.2;

  private WeeklyAggregator() {}

  /**
   * @param phases the VIN's raw_results rows
   * @param points the VIN's processed_tss points (odometer and OEM readings, last data time)
   * @param info fleet_info of the VIN (range for cycles)
   * @param fit the temperature fit of the VIN's model, or null
   */
  public static List<WeeklyHealth> aggregate(Make make, String vin, List<PhaseResult> phases,
      List<ProcessedPoint> points, FleetInfo info, @Nullable TemperatureFit fit, AnalyticsConfig config,
      HealthCounters counters) {
    // Step 2: bucket phases by datetime_begin, readings by their timestamp.
    TreeMap<LocalDate, Week> weeks = new TreeMap<>();
    List<PhaseResult> byBegin = new ArrayList<>(phases);
    byBegin.sort(Comparator.comparing(PhaseResult::datetimeBegin).thenComparingInt(PhaseResult::phaseIndex));
    for (PhaseResult p : byBegin) {
      Week w = weeks.computeIfAbsent(IsoWeeks.weekOf(p.datetimeBegin()), Week::new);
      w.phases.add(p);
      w.soh.add(RenaultCorrection.apply(p, fit, config).soh()); // step 1
    }
    List<ProcessedPoint> byTime = new ArrayList<>(points);
    byTime.sort(Comparator.comparing(ProcessedPoint::timestamp));
    TreeMap<LocalDate, Instant> lastData = new TreeMap<>();
    for (ProcessedPoint pt : byTime) {
      LocalDate key = IsoWeeks.weekOf(pt.timestamp());
      lastData.put(key, pt.timestamp());
      Double odometer = pt.number("odometer");
      Double oem = pt.number("soh_oem");
      if (odometer != null) {
        weeks.computeIfAbsent(key, Week::new).odometer = odometer; // the last reading of the week wins
      }
      if (oem != null) {
        weeks.computeIfAbsent(key, Week::new).oem.put(pt.timestamp(), oem); // distinct by timestamp
      }
    }
    weeks.forEach((key, w) -> w.lastData = lastData.get(key));

    boolean teslaBmsInformative = make == Make.TESLA
        && phases.stream().anyMatch(p -> Boolean.TRUE.equals(p.bmsInformative()));
    List<Week> rows = new ArrayList<>(weeks.values());
    for (Week w : rows) {
      aggregateWeek(make, w, teslaBmsInformative, config); // step 3
    }
    filterOutliers(rows, config, counters); // step 4
    fillOdometer(rows); // step 5
    monotone(rows, config); // step 6
    List<WeeklyHealth> out = new ArrayList<>(rows.size());
    for (Week w : rows) {
      // Step 7: plausibility on the estimated and AC SoH.
      Double est = Plausibility.apply(w.sohEstimated, w.odometer, config);
      Double ac = Plausibility.apply(w.sohAc, w.odometer, config);
      if ((est == null && w.sohEstimated != null) || (ac == null && w.sohAc != null)) {
        counters.inc(HealthCounters.IMPLAUSIBLE_SOH);
      }
      // Step 8: CI finalisation.
      ConfidenceInterval.Bounds estCi = est == null ? null
          : ConfidenceInterval.finalise(est, w.estHalf, 0.0, ESTIMATED_CI_MAX);
      ConfidenceInterval.Bounds oemCi = w.sohOem == null ? null
          : ConfidenceInterval.finalise(w.sohOem, w.oemHalf, 0.0, OEM_CI_MAX);
      // Step 9: cycles.
      Integer cycles = Cycles.of(w.odometer, info.usableRange(), est, w.sohOem);
      out.add(new WeeklyHealth(vin, w.monday, w.odometer,
          est, estCi == null ? null : estCi.low(), estCi == null ? null : estCi.high(),
          est == null ? null : w.sohN, est == null ? null : w.method,
          ac, ac == null ? null : w.sohAcN,
          w.sohOem, oemCi == null ? null : oemCi.low(), oemCi == null ? null : oemCi.high(), w.sohOemN,
          w.consumption, w.level1, w.level2, w.level3, w.chargedCycles, cycles, w.lastData));
    }
    counters.add(HealthCounters.WEEKS, out.size());
    return out;
  }

  /** Step 3: the weekly aggregates and the raw confidence intervals. */
  static void aggregateWeek(Make make, Week w, boolean teslaBmsInformative, AnalyticsConfig config) {
    // Primary estimates: `soh` of every make with an estimate; for tesla the dc_energy ones, else the bms_energy
    // ones of a BMS-informative VIN.
    List<Double> primary = new ArrayList<>();
    EnumMap<SohMethod, Integer> methods = new EnumMap<>(SohMethod.class);
    List<Double> ac = new ArrayList<>();
    for (int i = 0; i < w.phases.size(); i++) {
      PhaseResult p = w.phases.get(i);
      Double soh = w.soh.get(i);
      if (soh != null && p.sohMethod() != null) {
        primary.add(soh);
        methods.merge(p.sohMethod(), 1, Integer::sum);
      }
      if (p.sohAcEff90() != null) {
        ac.add(p.sohAcEff90());
      }
    }
    if (make == Make.TESLA && primary.isEmpty() && teslaBmsInformative) {
      for (PhaseResult p : w.phases) {
        if (p.sohBms() != null) {
          primary.add(p.sohBms());
          methods.merge(SohMethod.BMS_ENERGY, 1, Integer::sum);
        }
      }
    }
    if (!primary.isEmpty()) {
      double[] v = Quantiles.toArray(primary);
      w.sohEstimated = Quantiles.median(v);
      w.sohN = v.length;
      w.method = label(methods, config);
      w.estHalf = ConfidenceInterval.halfWidth(Quantiles.iqr(v), v.length, config.ciFactor(), floor(methods,
          config));
    }
    if (!ac.isEmpty()) {
      w.sohAc = Quantiles.median(ac);
      w.sohAcN = ac.size();
    }
    if (!w.oem.isEmpty()) {
      double[] v = Quantiles.toArray(w.oem.values());
      w.sohOem = Quantiles.median(v);
      w.sohOemN = v.length;
      w.oemHalf = ConfidenceInterval.halfWidth(Quantiles.iqr(v), v.length, config.ciFactor(),
          config.ciMethodFloor(SohMethod.OEM));
    }
    w.consumption = consumption(make, w.phases, config);
    for (PhaseResult p : w.phases) {
      w.level1 += p.level1();
      w.level2 += p.level2();
      w.level3 += p.level3();
      w.chargedCycles += p.efc();
    }
  }

  /**
   * The weekly consumption (§5 step 3): bmw, the median of phase consumptions with 0 &lt; c ≤ 100; other makes, the
   * distance-weighted mean over phases with 0 &lt; c ≤ 100 and 0 &lt; d &lt; 100 km. Null when there are none.
   */
  public static @Nullable Double consumption(Make make, List<PhaseResult> phases, AnalyticsConfig config) {
    if (make == Make.BMW) {
      List<Double> c = new ArrayList<>();
      for (PhaseResult p : phases) {
        if (p.consumption() != null && p.consumption() > 0 && p.consumption() <= config.consumptionMax()) {
          c.add(p.consumption());
        }
      }
      return Quantiles.median(c);
    }
    double weighted = 0;
    double distance = 0;
    for (PhaseResult p : phases) {
      Double c = p.consumption();
      Double d = p.odometerDiff();
      if (c != null && d != null && c > 0 && c <= config.consumptionMax() && d > 0
          && d < config.consumptionWeightMaxKm()) {
        weighted += c * d;
        distance += d;
      }
    }
    return distance > 0 ? weighted / distance : null;
  }

  /**
   * The label of a week's estimates: the most frequent method; a tie goes to the method with the larger CI floor,
   * then to the earlier method of {@link SohMethod}. Weeks mix methods only for Mercedes-Benz.
   */
  static SohMethod label(Map<SohMethod, Integer> methods, AnalyticsConfig config) {
    SohMethod best = null;
    for (Map.Entry<SohMethod, Integer> e : methods.entrySet()) {
      if (best == null || e.getValue() > methods.get(best)
          || (e.getValue().equals(methods.get(best)) && config.ciMethodFloor(e.getKey()) > config.ciMethodFloor(best))) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** The systematic floor of a week: the largest floor among its methods (conservative when they mix). */
  static double floor(Map<SohMethod, Integer> methods, AnalyticsConfig config) {
    double f = 0;
    for (SohMethod m : methods.keySet()) {
      f = Math.max(f, config.ciMethodFloor(m));
    }
    return f;
  }

  /** Step 4: nulls the estimated SoH (value, CI, n, method) of outlier weeks; the rows stay. */
  static void filterOutliers(List<Week> rows, AnalyticsConfig config, HealthCounters counters) {
    if (rows.isEmpty()) {
      return;
    }
    LocalDate first = rows.get(0).monday;
    List<Week> s = rows.stream().filter(w -> w.sohEstimated != null).toList();
    double[] x = new double[s.size()];
    double[] v = new double[s.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = IsoWeeks.weeksBetween(first, s.get(i).monday);
      v[i] = s.get(i).sohEstimated;
    }
    boolean[] outlier = OutlierFilter.outliers(x, v, config);
    for (int i = 0; i < outlier.length; i++) {
      if (outlier[i]) {
        Week w = s.get(i);
        w.sohEstimated = null;
        w.sohN = null;
        w.method = null;
        counters.inc(HealthCounters.OUTLIER_WEEKS);
      }
    }
  }

  /** Step 5: forward fill, then back fill, of the odometer across the VIN's weeks. */
  static void fillOdometer(List<Week> rows) {
    Double last = null;
    for (Week w : rows) {
      if (w.odometer != null) {
        last = w.odometer;
      } else {
        w.odometer = last;
      }
    }
    Double next = null;
    for (int i = rows.size() - 1; i >= 0; i--) {
      Week w = rows.get(i);
      if (w.odometer != null) {
        next = w.odometer;
      } else {
        w.odometer = next;
      }
    }
  }

  /** Step 6: the weighted isotonic fit with the weekly drop cap, over the weeks that have a SoH only. */
  static void monotone(List<Week> rows, AnalyticsConfig config) {
    List<Week> s = rows.stream().filter(w -> w.sohEstimated != null).toList();
    long[] week = new long[s.size()];
    double[] v = new double[s.size()];
    double[] n = new double[s.size()];
    LocalDate origin = rows.isEmpty() ? null : rows.get(0).monday;
    for (int j = 0; j < week.length; j++) {
      week[j] = IsoWeeks.weeksBetween(origin, s.get(j).monday);
      v[j] = s.get(j).sohEstimated;
      n[j] = s.get(j).sohN;
    }
    double[] out = MonotoneSoh.fit(week, v, n, config.monotoneMaxWeeklyDrop());
    for (int j = 0; j < out.length; j++) {
      s.get(j).sohEstimated = out[j];
    }
  }

  /** The working state of one week. */
  static final class Week {
    final LocalDate monday;
    final List<PhaseResult> phases = new ArrayList<>();
    final List<Double> soh = new ArrayList<>();
    final TreeMap<Instant, Double> oem = new TreeMap<>();
    Double odometer;
    Instant lastData;
    Double sohEstimated;
    Integer sohN;
    SohMethod method;
    double estHalf;
    Double sohAc;
    Integer sohAcN;
    Double sohOem;
    Integer sohOemN;
    double oemHalf;
    Double consumption;
    double level1;
    double level2;
    double level3;
    double chargedCycles;

    Week(LocalDate monday) {
      this.monday = monday;
    }
  }
}
