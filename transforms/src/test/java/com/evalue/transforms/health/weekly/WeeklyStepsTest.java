package com.evalue.transforms.health.weekly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.evalue.transforms.health.config.AnalyticsConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import org.junit.jupiter.api.Test;

/** pipeline.md §5 steps 2–9, one pure function at a time. */
class WeeklyStepsTest {
  private static final AnalyticsConfig C = AnalyticsConfig.defaults();
  private static final double EPS = 1e-12;

  @Test
  void isoWeekEdges() {
    Object[][] table = {
        {"2021-01-03T23:59:59.999999Z", "2020-12-28"}, // Sunday, last microsecond of the week
        {"2021-01-04T00:00:00Z", "2021-01-04"}, // Monday 00:00
        {"2020-12-31T12:00:00Z", "2020-12-28"}, // year boundary: Thursday of 2020-W53
        {"2021-01-01T00:00:00Z", "2020-12-28"},
        {"2024-12-30T00:00:00Z", "2024-12-30"}, // Monday of 2025-W01
        {"2025-01-05T23:59:59.999999Z", "2024-12-30"},
    };
    for (Object[] row : table) {
      assertEquals(LocalDate.parse((String) row[1]), IsoWeeks.weekOf(Instant.parse((String) row[0])),
          (String) row[0]);
    }
    LocalDate w = IsoWeeks.weekOf(Instant.parse("2024-12-30T00:00:00Z"));
    assertEquals(2025, w.get(IsoFields.WEEK_BASED_YEAR));
    assertEquals(1, w.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    assertEquals(53, LocalDate.parse("2020-12-28").get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    assertEquals(1, IsoWeeks.weeksBetween(LocalDate.parse("2020-12-28"), LocalDate.parse("2021-01-04")));
  }

  @Test
  void confidenceIntervalWithOneAndWithFiveEstimates() {
    // n = 1: IQR = 0 → half = f.
    assertEquals(0.010, ConfidenceInterval.halfWidth(0, 1, 1.57, 0.010), EPS);
    assertEquals(0.030, ConfidenceInterval.halfWidth(0, 1, 1.57, 0.030), EPS);
    // n = 5 of .90 .92 .93 .94 .96: IQR = .94 − .92 = .02; √((1.57 × .02/√5)² + .01²) = 0.017239257…
    assertEquals(0.01723925752461515, ConfidenceInterval.halfWidth(0.02, 5, 1.57, 0.010), 1e-15);
    // Finalisation: shifted to the final value, clipped.
    assertEquals(new ConfidenceInterval.Bounds(0.945, 0.965), ConfidenceInterval.finalise(0.955, 0.01, 0, 1.0));
    ConfidenceInterval.Bounds clipped = ConfidenceInterval.finalise(1.0, 0.01, 0, 1.0);
    assertEquals(0.99, clipped.low(), EPS);
    assertEquals(1.0, clipped.high(), EPS);
    assertEquals(1.2, ConfidenceInterval.finalise(1.195, 0.02, 0, 1.2).high(), EPS, "OEM bounds clip at 1.2");
    assertNull(ConfidenceInterval.finalise(null, 0.01, 0, 1.0));
  }

  @Test
  void outlierFilterAgainstTheTheilSenTrend() {
    // Theil–Sen: b = −0.00325, a = 0.973; residual of x = 3 is −0.16325; MAD = 0.00525 →
    // limit max(3.5 × 1.4826 × 0.00525, 0.02) = 0.027243 → only x = 3 is an outlier.
    double[] x = {0, 1, 3, 4, 5, 6, 7};
    double[] v = {0.97, 0.975, 0.80, 0.96, 0.962, 0.955, 0.94};
    assertArrayEquals(new boolean[] {false, false, true, false, false, false, false},
        OutlierFilter.outliers(x, v, C));
    // Fewer than 6 weeks: nothing is filtered.
    assertArrayEquals(new boolean[5], OutlierFilter.outliers(new double[] {0, 1, 2, 3, 4},
        new double[] {0.97, 0.97, 0.5, 0.97, 0.97}, C));
    // With MAD = 0 the absolute minimum 0.02 decides: 0.019 off the line is kept, 0.021 is not.
    double[] xs = {0, 1, 2, 3, 4, 5};
    assertArrayEquals(new boolean[6], OutlierFilter.outliers(xs, new double[] {0.95, 0.95, 0.95, 0.931, 0.95,
        0.95}, C));
    assertArrayEquals(new boolean[] {false, false, false, true, false, false}, OutlierFilter.outliers(xs,
        new double[] {0.95, 0.95, 0.95, 0.929, 0.95, 0.95}, C));
  }

  @Test
  void monotoneCapsTheDropAt0003PerElapsedWeek() {
    // A gap of k = 3 weeks allows a drop of 0.009.
    assertArrayEquals(new double[] {0.95, 0.947, 0.938}, MonotoneSoh.fit(new long[] {0, 1, 4},
        new double[] {0.95, 0.90, 0.85}, new double[] {1, 1, 1}, 0.003), EPS);
    // Weighted pooling first: .95 (n 1) < .97 (n 3) → .965; then the cap.
    assertArrayEquals(new double[] {0.965, 0.965, 0.962}, MonotoneSoh.fit(new long[] {0, 1, 2},
        new double[] {0.95, 0.97, 0.90}, new double[] {1, 3, 1}, 0.003), EPS);
    assertArrayEquals(new double[] {0.91}, MonotoneSoh.fit(new long[] {5}, new double[] {0.91},
        new double[] {2}, 0.003), "m ≤ 1: unchanged");
  }

  @Test
  void plausibilityFloorMaximumAndClipToOne() {
    Object[][] table = { // soh, odometer, result
        {0.90, 0.0, 0.90}, {0.8999, 0.0, null}, // floor 0.90 at 0 km
        {0.8999, null, null}, {0.90, null, 0.90}, // no odometer: floor 0.90
        {0.65, 200_000.0, 0.65}, {0.6499, 200_000.0, null}, // floor 0.65 at 200 000 km
        {1.0, 0.0, 1.0}, {1.05, 0.0, 1.0}, {1.1, 0.0, 1.0}, // [1.0, 1.1] → 1.0
        {1.1001, 0.0, null}, // > 1.1 → null
        {0.9999, 0.0, 0.9999}, {null, 0.0, null},
    };
    for (Object[] row : table) {
      assertEquals(row[2], Plausibility.apply((Double) row[0], (Double) row[1], C), row[0] + " @ " + row[1]);
    }
    assertEquals(0.65, Plausibility.floor(200_000.0, C), EPS);
  }

  @Test
  void cyclesRoundHalfUp() {
    // 1000 / (400 × (1 + 1)/2) = 2.5 → 3 (half up)
    assertEquals(3, Cycles.of(1000.0, 400.0, 1.0, null));
    // 1000 / (400 × (0.6 + 1)/2) = 3.125 → 3
    assertEquals(3, Cycles.of(1000.0, 400.0, 0.6, null));
    // soh_oem when there is no estimate: 1140 / (400 × 0.95) = 3.0 → 3; 1330 / 380 = 3.5 → 4
    assertEquals(4, Cycles.of(1330.0, 400.0, null, 0.9));
    // neither: soh = 1 → 10 500 / 400 = 26.25 → 26
    assertEquals(26, Cycles.of(10_500.0, 400.0, null, null));
    assertNull(Cycles.of(null, 400.0, 1.0, null));
    assertNull(Cycles.of(1000.0, null, 1.0, null));
    assertNull(Cycles.of(0.0, 400.0, 1.0, null));
    assertNull(Cycles.of(1000.0, 0.0, 1.0, null));
  }
}
