package com.evalue.pipelines.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Weekly SoH results against the simulator's truth, joined on (vin, week). Pure arithmetic, no I/O.
 *
 * <p>Per make (and per make and {@code soh_method}, and per VIN):
 * <ul>
 *   <li><b>truth weeks</b>: the make's rows of truth.csv (every simulated vehicle-week);
 *   <li><b>estimated weeks</b>: result rows with a non-null {@code soh_estimated} whose (vin, week) is in the truth;
 *   <li><b>coverage</b> = estimated weeks / truth weeks;
 *   <li><b>MAE</b> = mean |soh_estimated − true_soh| and <b>bias</b> = mean (soh_estimated − true_soh), in
 *       percentage points (× 100);
 *   <li><b>CI coverage</b> = share of estimated weeks with ci_low ≤ true_soh ≤ ci_high (bounds inclusive).
 * </ul>
 * The same statistics are computed for {@code soh_oem} (informational). Result rows of weeks absent from the truth
 * are counted as {@code unmatched}.
 *
 * <p><b>Floor calibration</b> (spec pipeline.md §5 step 3). A week's half-width is h = √(s² + f²) with s the
 * statistical term and f the method floor of the run; s is recovered as √(max(0, h² − f²)) with h = soh − ci_low
 * and f = the floor the run used for the week's method. The week's interval contains the truth for a floor F iff
 * |e| ≤ √(s² + F²), i.e. iff F ≥ g = √(max(0, e² − s²)). The floor that gives coverage p is therefore the
 * ⌈p·n⌉-th smallest g. Exact when the run used floor 0 (or a week has one method); for a Mercedes-Benz week that
 * mixes methods the run used the larger floor of the mix, so the recovered s is approximate.
 */
public final class AccuracyEvaluator {
  /** The coverage targets reported by the calibration: the spec's range and the value aimed at. */
  public static final double[] TARGETS = {0.80, 0.90, 0.95};

  private AccuracyEvaluator() {}

  /** Accumulated errors of one group of weeks (values in SoH fractions; reported in percentage points). */
  public static final class Stats {
    long truthWeeks;
    long weeks;
    double sumAbs;
    double sumErr;
    double sumSq;
    long ciRows;
    long ciContains;
    final List<Double> absErrors = new ArrayList<>();
    final List<Double> neededFloor = new ArrayList<>();

    void add(double estimate, double truth, Double low, Double high, double floorUsed) {
      double e = estimate - truth;
      weeks++;
      sumAbs += Math.abs(e);
      sumErr += e;
      sumSq += e * e;
      absErrors.add(Math.abs(e));
      if (low != null && high != null) {
        ciRows++;
        if (low <= truth && truth <= high) {
          ciContains++;
        }
        double half = estimate - low;
        double s2 = Math.max(0, half * half - floorUsed * floorUsed);
        neededFloor.add(Math.sqrt(Math.max(0, e * e - s2)));
      }
    }

    public long truthWeeks() {
      return truthWeeks;
    }

    public long weeks() {
      return weeks;
    }

    /** Estimated weeks / truth weeks; NaN without truth weeks. */
    public double coverage() {
      return truthWeeks == 0 ? Double.NaN : (double) weeks / truthWeeks;
    }

    /** Mean absolute error, percentage points; NaN without weeks. */
    public double maePp() {
      return weeks == 0 ? Double.NaN : 100 * sumAbs / weeks;
    }

    public double biasPp() {
      return weeks == 0 ? Double.NaN : 100 * sumErr / weeks;
    }

    public double rmsePp() {
      return weeks == 0 ? Double.NaN : 100 * Math.sqrt(sumSq / weeks);
    }

    /** The p-quantile (order statistic ⌈p·n⌉) of |error|, percentage points. */
    public double absErrorQuantilePp(double p) {
      return 100 * orderStatistic(absErrors, p);
    }

    /** Share of weeks whose interval contains the truth; NaN without intervals. */
    public double ciCoverage() {
      return ciRows == 0 ? Double.NaN : (double) ciContains / ciRows;
    }

    public long ciRows() {
      return ciRows;
    }

    /** The smallest floor (SoH fraction) that would give CI coverage ≥ p; NaN without intervals. */
    public double floorFor(double p) {
      return orderStatistic(neededFloor, p);
    }
  }

  /** Per make, per make and method, per VIN. */
  public record Report(Map<String, Stats> byMake, Map<String, Map<String, Stats>> byMakeMethod,
      Map<String, Stats> oemByMake, Map<String, Stats> acByMake, Map<String, Stats> byVin, Map<String, Stats> byMethod,
      Map<String, String> makeOfVin, long unmatchedRows, long truthWeeks, long resultRows) {
    /** Vehicles of the make in the truth. */
    public long vehicles(String make) {
      return makeOfVin.values().stream().filter(make::equals).count();
    }
  }

  /**
   * @param floorsUsed the {@code ci_method_floor} of the run that produced the results, by method label (for the
   *     calibration; a missing method counts as 0); {@code "oem"} is the OEM floor
   */
  public static Report evaluate(List<TruthWeek> truth, List<WeeklyEstimate> results, Map<String, Double> floorsUsed) {
    Map<String, TruthWeek> byKey = new HashMap<>();
    Map<String, Stats> byMake = new TreeMap<>();
    Map<String, Stats> oem = new TreeMap<>();
    Map<String, Stats> ac = new TreeMap<>();
    Map<String, Stats> byVin = new TreeMap<>();
    Map<String, String> makeOfVin = new TreeMap<>();
    for (TruthWeek t : truth) {
      makeOfVin.put(t.vin(), t.make());
      if (byKey.put(key(t.vin(), t.week()), t) != null) {
        throw new IllegalArgumentException("truth has two rows for " + t.vin() + " " + t.week());
      }
      byMake.computeIfAbsent(t.make(), m -> new Stats()).truthWeeks++;
      oem.computeIfAbsent(t.make(), m -> new Stats()).truthWeeks++;
      ac.computeIfAbsent(t.make(), m -> new Stats()).truthWeeks++;
      byVin.computeIfAbsent(t.vin(), m -> new Stats()).truthWeeks++;
    }
    Map<String, Map<String, Stats>> byMakeMethod = new TreeMap<>();
    Map<String, Stats> byMethod = new TreeMap<>();
    long unmatched = 0;
    for (WeeklyEstimate r : results) {
      TruthWeek t = byKey.get(key(r.vin(), r.week()));
      if (t == null) {
        unmatched++;
        continue;
      }
      if (r.sohEstimated() != null) {
        String method = r.method() == null ? "?" : r.method();
        double floor = floorsUsed.getOrDefault(method, 0.0);
        byMake.get(t.make()).add(r.sohEstimated(), t.trueSoh(), r.ciLow(), r.ciHigh(), floor);
        byVin.get(t.vin()).add(r.sohEstimated(), t.trueSoh(), r.ciLow(), r.ciHigh(), floor);
        Stats m = byMakeMethod.computeIfAbsent(t.make(), x -> new TreeMap<>()).computeIfAbsent(method, x -> {
          Stats s = new Stats();
          s.truthWeeks = byMake.get(t.make()).truthWeeks;
          return s;
        });
        m.add(r.sohEstimated(), t.trueSoh(), r.ciLow(), r.ciHigh(), floor);
        byMethod.computeIfAbsent(method, x -> new Stats())
            .add(r.sohEstimated(), t.trueSoh(), r.ciLow(), r.ciHigh(), floor);
      }
      if (r.sohAc() != null) {
        ac.get(t.make()).add(r.sohAc(), t.trueSoh(), null, null, 0);
      }
      if (r.sohOem() != null) {
        oem.get(t.make()).add(r.sohOem(), t.trueSoh(), r.oemCiLow(), r.oemCiHigh(),
            floorsUsed.getOrDefault("oem", 0.0));
      }
    }
    long truthWeeks = truth.size();
    byMethod.values().forEach(s -> s.truthWeeks = truthWeeks);
    return new Report(byMake, byMakeMethod, oem, ac, byVin, byMethod, makeOfVin, unmatched, truthWeeks, results.size());
  }

  private static String key(String vin, LocalDate week) {
    return vin + "|" + week;
  }

  /** The ⌈p·n⌉-th smallest value (1-based), NaN for an empty list. */
  static double orderStatistic(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int k = (int) Math.ceil(p * v.length - 1e-9);
    return v[Math.max(0, Math.min(v.length - 1, k - 1))];
  }

  // ---- rendering ----

  /** The per-make table (Markdown): make, truth weeks, estimated weeks, coverage, MAE, bias, CI coverage. */
  public static String makeTable(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("| make | vehicles | truth weeks | estimated weeks | coverage | MAE (pp) | bias (pp) | p95 |err| (pp) "
        + "| CI coverage |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    r.byMake().forEach((make, s) -> sb.append(String.format("| %s | %d | %d | %d | %s | %s | %s | %s | %s |%n", make,
        r.vehicles(make), s.truthWeeks(), s.weeks(), pct(s.coverage()), pp(s.maePp()), signedPp(s.biasPp()),
        pp(s.absErrorQuantilePp(0.95)), pct(s.ciCoverage()))));
    return sb.toString();
  }

  /** Per make and method (Markdown). */
  public static String methodTable(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("| make | method | weeks | share of truth weeks | MAE (pp) | bias (pp) | p95 |err| (pp) | CI coverage |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    r.byMakeMethod().forEach((make, methods) -> methods.forEach((method, s) -> sb.append(String.format(
        "| %s | %s | %d | %s | %s | %s | %s | %s |%n", make, method, s.weeks(), pct(s.coverage()), pp(s.maePp()),
        signedPp(s.biasPp()), pp(s.absErrorQuantilePp(0.95)), pct(s.ciCoverage())))));
    return sb.toString();
  }

  /** OEM SoH against the truth (Markdown), makes with OEM readings only. */
  public static String oemTable(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("| make | weeks with soh_oem | coverage | MAE (pp) | bias (pp) | CI coverage |\n");
    sb.append("|---|---:|---:|---:|---:|---:|\n");
    r.oemByMake().forEach((make, s) -> {
      if (s.weeks() > 0) {
        sb.append(String.format("| %s | %d | %s | %s | %s | %s |%n", make, s.weeks(), pct(s.coverage()),
            pp(s.maePp()), signedPp(s.biasPp()), pct(s.ciCoverage())));
      }
    });
    return sb.toString();
  }

  /** The Tesla AC estimate ({@code soh_ac_estimate}, never part of soh_estimated) against the truth (Markdown). */
  public static String acTable(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("| make | weeks with soh_ac_estimate | coverage | MAE (pp) | bias (pp) | p95 |err| (pp) |\n");
    sb.append("|---|---:|---:|---:|---:|---:|\n");
    r.acByMake().forEach((make, s) -> {
      if (s.weeks() > 0) {
        sb.append(String.format("| %s | %d | %s | %s | %s | %s |%n", make, s.weeks(), pct(s.coverage()),
            pp(s.maePp()), signedPp(s.biasPp()), pp(s.absErrorQuantilePp(0.95))));
      }
    });
    return sb.toString();
  }

  /**
   * The calibration table (Markdown): per method, its weeks, the floor of the run, CI coverage at that floor, and
   * the floors that would give 80 %, 90 % and 95 % coverage.
   */
  public static String calibrationTable(Report r, Map<String, Double> floorsUsed) {
    StringBuilder sb = new StringBuilder();
    sb.append("| method | weeks | floor used | CI coverage | floor for 80 % | floor for 90 % | floor for 95 % |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|\n");
    Map<String, Stats> rows = new TreeMap<>(r.byMethod());
    Stats oemAll = new Stats();
    r.oemByMake().values().forEach(s -> merge(oemAll, s));
    if (oemAll.weeks() > 0) {
      rows.put("oem", oemAll);
    }
    rows.forEach((method, s) -> sb.append(String.format("| %s | %d | %.4f | %s | %.4f | %.4f | %.4f |%n", method,
        s.weeks(), floorsUsed.getOrDefault(method, 0.0), pct(s.ciCoverage()), s.floorFor(TARGETS[0]),
        s.floorFor(TARGETS[1]), s.floorFor(TARGETS[2]))));
    return sb.toString();
  }

  /** The {@code n} VINs with the largest MAE (Markdown). */
  public static String worstVins(Report r, int n) {
    List<Map.Entry<String, Stats>> list = new ArrayList<>(r.byVin().entrySet());
    list.removeIf(e -> e.getValue().weeks() == 0);
    ToDoubleFunction<Map.Entry<String, Stats>> mae = e -> e.getValue().maePp();
    list.sort((a, b) -> Double.compare(mae.applyAsDouble(b), mae.applyAsDouble(a)));
    StringBuilder sb = new StringBuilder("| vin | make | weeks | coverage | MAE (pp) | bias (pp) | CI coverage |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Stats> e : list.subList(0, Math.min(n, list.size()))) {
      Stats s = e.getValue();
      sb.append(String.format("| %s | %s | %d | %s | %s | %s | %s |%n", e.getKey(), r.makeOfVin().get(e.getKey()),
          s.weeks(), pct(s.coverage()), pp(s.maePp()), signedPp(s.biasPp()), pct(s.ciCoverage())));
    }
    return sb.toString();
  }

  private static void merge(Stats into, Stats from) {
    into.truthWeeks += from.truthWeeks;
    into.weeks += from.weeks;
    into.sumAbs += from.sumAbs;
    into.sumErr += from.sumErr;
    into.sumSq += from.sumSq;
    into.ciRows += from.ciRows;
    into.ciContains += from.ciContains;
    into.absErrors.addAll(from.absErrors);
    into.neededFloor.addAll(from.neededFloor);
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.1f %%", 100 * v);
  }

  static String pp(double v) {
    return Double.isNaN(v) ? "–" : String.format("%.3f", v);
  }

  static String signedPp(double v) {
    return Double.isNaN(v) ? "–" : String.format("%+.3f", v);
  }
}
