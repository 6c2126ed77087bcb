package com.evalue.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccuracyEvaluatorTest {
  private static final double EPS = 1e-9;
  private static final LocalDate W1 = LocalDate.of(2026, 1, 5);
  private static final LocalDate W2 = LocalDate.of(2026, 1, 12);
  private static final LocalDate W3 = LocalDate.of(2026, 1, 19);

  private static TruthWeek truth(String vin, String make, LocalDate week, double soh) {
    return new TruthWeek(vin, make, week, soh, 1000);
  }

  private static WeeklyEstimate est(String vin, String make, LocalDate week, Double soh, Double half, String method) {
    return new WeeklyEstimate(vin, make, week, soh, soh == null ? null : soh - half, soh == null ? null : soh + half,
        soh == null ? null : 3, soh == null ? null : method, null, null, null);
  }

  /** Two Kia vehicles, three weeks each; four weeks estimated. */
  private static List<TruthWeek> truth() {
    return List.of(
        truth("A", "kia", W1, 0.950), truth("A", "kia", W2, 0.949), truth("A", "kia", W3, 0.948),
        truth("B", "kia", W1, 0.900), truth("B", "kia", W2, 0.899), truth("B", "kia", W3, 0.898),
        truth("C", "bmw", W1, 0.930));
  }

  @Test
  void maeBiasCoverageAndCiCoverage() {
    List<WeeklyEstimate> results = List.of(
        est("A", "kia", W1, 0.960, 0.005, "energy_content"), // +1.0 pp, CI [0.955, 0.965] misses 0.950
        est("A", "kia", W2, 0.946, 0.005, "energy_content"), // −0.3 pp, contains
        est("A", "kia", W3, null, null, null), // a week without estimate
        // −0.5 pp; the upper bound equals the truth and bounds are inclusive: contains
        new WeeklyEstimate("B", "kia", W1, 0.895, 0.890, 0.900, 3, "energy_content", null, null, null),
        est("B", "kia", W2, 0.901, 0.001, "energy_content"), // +0.2 pp, CI [0.900, 0.902] misses
        est("B", "kia", LocalDate.of(2026, 1, 26), 0.9, 0.01, "energy_content")); // no truth week: unmatched
    AccuracyEvaluator.Report r = AccuracyEvaluator.evaluate(truth(), results, Map.of());
    AccuracyEvaluator.Stats kia = r.byMake().get("kia");
    assertEquals(6, kia.truthWeeks());
    assertEquals(4, kia.weeks());
    assertEquals(4.0 / 6, kia.coverage(), EPS);
    assertEquals((1.0 + 0.3 + 0.5 + 0.2) / 4, kia.maePp(), 1e-6);
    assertEquals((1.0 - 0.3 - 0.5 + 0.2) / 4, kia.biasPp(), 1e-6);
    assertEquals(0.5, kia.ciCoverage(), EPS);
    assertEquals(1, r.unmatchedRows());
    assertEquals(7, r.truthWeeks());
    assertEquals(2, r.vehicles("kia"));
    assertEquals(0, r.byMake().get("bmw").weeks());
    assertTrue(Double.isNaN(r.byMake().get("bmw").maePp()));
    // The 95 % quantile of |error| is the largest of four (⌈0.95·4⌉ = 4).
    assertEquals(1.0, kia.absErrorQuantilePp(0.95), 1e-6);
    assertEquals(2.0 / 3, r.byVin().get("A").coverage(), EPS);
  }

  @Test
  void perMethodBreakdownSharesTheMakeTruthWeeks() {
    List<WeeklyEstimate> results = List.of(
        est("A", "mercedes-benz", W1, 0.951, 0.01, "session_energy"),
        est("A", "mercedes-benz", W2, 0.937, 0.01, "charge_power"),
        est("A", "mercedes-benz", W3, 0.950, 0.01, "session_energy"));
    List<TruthWeek> t = List.of(truth("A", "mercedes-benz", W1, 0.950), truth("A", "mercedes-benz", W2, 0.949),
        truth("A", "mercedes-benz", W3, 0.948), truth("A2", "mercedes-benz", W3, 0.948));
    AccuracyEvaluator.Report r = AccuracyEvaluator.evaluate(t, results, Map.of());
    AccuracyEvaluator.Stats session = r.byMakeMethod().get("mercedes-benz").get("session_energy");
    AccuracyEvaluator.Stats power = r.byMakeMethod().get("mercedes-benz").get("charge_power");
    assertEquals(2, session.weeks());
    assertEquals(0.5, session.coverage(), EPS);
    assertEquals((0.1 + 0.2) / 2, session.maePp(), 1e-6);
    assertEquals(1, power.weeks());
    assertEquals(-1.2, power.biasPp(), 1e-6);
    assertEquals(0.0, power.ciCoverage(), EPS); // [0.927, 0.947] misses 0.949
    assertEquals(1.0, session.ciCoverage(), EPS);
  }

  @Test
  void oemSohIsScoredSeparately() {
    WeeklyEstimate oem = new WeeklyEstimate("C", "bmw", W1, null, null, null, null, null, 0.94, 0.93, 0.95);
    AccuracyEvaluator.Report r = AccuracyEvaluator.evaluate(truth(), List.of(oem), Map.of());
    AccuracyEvaluator.Stats s = r.oemByMake().get("bmw");
    assertEquals(1, s.weeks());
    assertEquals(1.0, s.maePp(), 1e-6);
    assertEquals(1.0, s.ciCoverage(), EPS);
    assertEquals(0, r.byMake().get("bmw").weeks());
  }

  @Test
  void floorCalibrationFromTheStatisticalTerm() {
    // Floor used 0.010. Week 1: half 0.010 → s = 0, |e| = 0.004 → needs 0.004.
    // Week 2: half √(0.006² + 0.010²) → s = 0.006, |e| = 0.010 → needs √(0.010² − 0.006²) = 0.008.
    // Week 3: half 0.010 → s = 0, |e| = 0.002 → needs 0.002. Week 4: s = 0.006, |e| = 0.003 → needs 0.
    double h2 = Math.sqrt(0.006 * 0.006 + 0.010 * 0.010);
    List<TruthWeek> t = List.of(truth("A", "tesla", W1, 0.90), truth("A", "tesla", W2, 0.90),
        truth("A", "tesla", W3, 0.90), truth("B", "tesla", W1, 0.90));
    List<WeeklyEstimate> results = List.of(est("A", "tesla", W1, 0.904, 0.010, "dc_energy"),
        est("A", "tesla", W2, 0.890, h2, "dc_energy"), est("A", "tesla", W3, 0.902, 0.010, "dc_energy"),
        est("B", "tesla", W1, 0.897, h2, "dc_energy"));
    AccuracyEvaluator.Report r = AccuracyEvaluator.evaluate(t, results, Map.of("dc_energy", 0.010));
    AccuracyEvaluator.Stats dc = r.byMethod().get("dc_energy");
    assertEquals(1.0, dc.ciCoverage(), EPS);
    // Needed floors sorted: 0, 0.002, 0.004, 0.008. Coverage 50 % → 2nd; 75 % → 3rd; 80 % → ⌈3.2⌉ = 4th.
    assertEquals(0.002, dc.floorFor(0.50), 1e-9);
    assertEquals(0.004, dc.floorFor(0.75), 1e-9);
    assertEquals(0.008, dc.floorFor(0.80), 1e-9);
    assertEquals(0.0, dc.floorFor(0.25), 1e-9);
  }

  @Test
  void orderStatistic() {
    assertEquals(3.0, AccuracyEvaluator.orderStatistic(List.of(5.0, 1.0, 3.0, 2.0, 4.0), 0.6), EPS);
    assertEquals(1.0, AccuracyEvaluator.orderStatistic(List.of(5.0, 1.0), 0.0), EPS);
    assertEquals(5.0, AccuracyEvaluator.orderStatistic(List.of(5.0, 1.0), 1.0), EPS);
    assertTrue(Double.isNaN(AccuracyEvaluator.orderStatistic(List.of(), 0.5)));
  }

  @Test
  void duplicateTruthRowsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> AccuracyEvaluator.evaluate(
        List.of(truth("A", "kia", W1, 0.9), truth("A", "kia", W1, 0.9)), List.of(), Map.of()));
  }

  @Test
  void readsTheExportCsvAndTruthCsv() {
    List<WeeklyEstimate> rows = WeeklyEstimate.parseCsv(List.of(
        "vin,make,week,odometer,soh_estimated,soh_estimated_ci_low,soh_estimated_ci_high,soh_estimated_n,soh_method,"
            + "soh_ac_estimate,soh_ac_n,soh_oem,soh_oem_ci_low,soh_oem_ci_high,soh_oem_n,consumption",
        "A,kia,2026-01-05,1200,0.95,0.94,0.96,4,energy_content,,,,,,,\"1,5\"",
        "B,bmw,2026-01-05,1200,,,,,,,,0.92,0.91,0.93,2,"), "test");
    assertEquals(2, rows.size());
    assertEquals(new WeeklyEstimate("A", "kia", W1, 0.95, 0.94, 0.96, 4, "energy_content", null, null, null),
        rows.get(0));
    assertEquals(new WeeklyEstimate("B", "bmw", W1, null, null, null, null, null, 0.92, 0.91, 0.93), rows.get(1));
    assertEquals(List.of("a", "b,c", "d\"e", ""), WeeklyEstimate.split("a,\"b,c\",\"d\"\"e\","));

    List<TruthWeek> t = TruthWeek.parse(List.of(TruthWeek.HEADER, "A,kia,2026-01-05,0.95012,1234.5"), "t");
    assertEquals(List.of(new TruthWeek("A", "kia", W1, 0.95012, 1234.5)), t);
    assertThrows(IllegalArgumentException.class, () -> TruthWeek.parse(List.of("vin,week"), "t"));
  }
}
