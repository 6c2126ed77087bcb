package com.evalue.transforms.health.stats;

import java.util.Arrays;

/**
 * Theil–Sen line v ≈ a + b·x (spec: pipeline.md §5 step 4): b = the median of the pairwise slopes over pairs with
 * distinct x, a = the median of v − b·x. Exact medians.
 */
public record TheilSen(double intercept, double slope) {

  public static TheilSen fit(double[] x, double[] v) {
    if (x.length != v.length || x.length == 0) {
      throw new IllegalArgumentException("x and v must have the same, non-zero length");
    }
    int n = x.length;
    double[] slopes = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (x[j] != x[i]) {
          slopes[k++] = (v[j] - v[i]) / (x[j] - x[i]);
        }
      }
    }
    double b = k == 0 ? 0.0 : Quantiles.medianOfSorted(sorted(Arrays.copyOf(slopes, k)));
    double[] intercepts = new double[n];
    for (int i = 0; i < n; i++) {
      intercepts[i] = v[i] - b * x[i];
    }
    return new TheilSen(Quantiles.medianOfSorted(sorted(intercepts)), b);
  }

  public double at(double x) {
    return intercept + slope * x;
  }

  private static double[] sorted(double[] a) {
    Arrays.sort(a);
    return a;
  }
}
