package com.evalue.transforms.health.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  private static final double EPS = 1e-12;

  @Test
  void medianIsTheMiddleOrTheMeanOfTheTwoMiddleOrderStatistics() {
    assertEquals(3.0, Quantiles.median(5, 1, 3));
    assertEquals(2.5, Quantiles.median(4, 1, 3, 2));
    assertEquals(7.0, Quantiles.median(7));
    assertNull(Quantiles.median());
    assertEquals(2.0, Quantiles.median(Arrays.asList(3.0, null, 1.0, 2.0, Double.NaN)), "nulls and NaN ignored");
  }

  @Test
  void quantileInterpolatesLinearlyBetweenOrderStatistics() {
    double[] x = {10, 20, 30, 40, 50};
    // h = (n−1)·p
    assertEquals(10.0, Quantiles.quantile(x, 0.0), EPS);
    assertEquals(20.0, Quantiles.quantile(x, 0.25), EPS); // h = 1
    assertEquals(45.0, Quantiles.quantile(x, 0.875), EPS); // h = 3.5
    assertEquals(48.0, Quantiles.quantile(x, 0.95), EPS); // h = 3.8 → 40 + 0.8·10
    assertEquals(12.0, Quantiles.quantile(new double[] {50, 10, 40, 30, 20}, 0.05), EPS); // h = 0.2
    assertEquals(50.0, Quantiles.quantile(x, 1.0), EPS);
    // IQR of 4 values: q(.25): h = .75 → 1.75; q(.75): h = 2.25 → 3.25
    assertEquals(1.5, Quantiles.iqr(1, 2, 3, 4), EPS);
    assertEquals(0.0, Quantiles.iqr(0.97), EPS);
    assertEquals(0.02, Quantiles.iqr(List.of(0.90, 0.92, 0.93, 0.94, 0.96)), 1e-15);
  }

  @Test
  void weightedPoolAdjacentViolatorsOnAHandExample() {
    // v = .95 .97 .93 .94 .90, w = 1 3 1 1 2:
    // .95 < .97 → pool (.95·1 + .97·3)/4 = .965; .93 < .94 → pool .935; .90 stays.
    double[] iso = WeightedIsotonic.nonIncreasing(new double[] {0.95, 0.97, 0.93, 0.94, 0.90},
        new double[] {1, 3, 1, 1, 2});
    assertArrayEquals(new double[] {0.965, 0.965, 0.935, 0.935, 0.90}, iso, EPS);
    // A violation that cascades: .90 .91 .99 with weights 1 1 2 → one pool (.9+.91+1.98)/4 = .9475
    assertArrayEquals(new double[] {0.9475, 0.9475, 0.9475},
        WeightedIsotonic.nonIncreasing(new double[] {0.90, 0.91, 0.99}, new double[] {1, 1, 2}), EPS);
    // Already non-increasing: unchanged
    assertArrayEquals(new double[] {1, 1, 0.5}, WeightedIsotonic.nonIncreasing(new double[] {1, 1, 0.5},
        new double[] {1, 1, 1}), EPS);
  }

  @Test
  void theilSenIsTheMedianOfPairwiseSlopes() {
    // Points on v = 1 − 0.01x except one outlier: 10 slopes of −0.01, the outlier's slopes are on both sides.
    double[] x = {0, 1, 2, 3, 4, 5};
    double[] v = {1.0, 0.99, 0.98, 0.5, 0.96, 0.95};
    TheilSen line = TheilSen.fit(x, v);
    assertEquals(-0.01, line.slope(), EPS);
    assertEquals(1.0, line.intercept(), EPS);
  }

  @Test
  void leastSquaresOnAHandExample() {
    // x̄ = 10, ȳ = .92, Sxx = 200, Sxy = .3 → slope .0015, intercept .905; SSres = .00015, SStot = .0006 → r² .75
    LeastSquares f = LeastSquares.fit(new double[] {0, 10, 20}, new double[] {0.90, 0.93, 0.93});
    assertEquals(0.0015, f.slope(), EPS);
    assertEquals(0.905, f.intercept(), EPS);
    assertEquals(0.75, f.r2(), 1e-9);
    assertEquals(3, f.n());
    LeastSquares flat = LeastSquares.fit(new double[] {5, 5}, new double[] {0.9, 0.95});
    assertNull(flat.slope(), "var(x) = 0");
  }
}
