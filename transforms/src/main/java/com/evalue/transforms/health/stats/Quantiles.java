package com.evalue.transforms.health.stats;

import java.util.Arrays;
import java.util.Collection;
import javax.annotation.Nullable;

/**
 * Exact order statistics (spec: pipeline.md, "Definitions" and decision 13): never approximate.
 *
 * <ul>
 *   <li>median: the middle order statistic, or the mean of the two middle ones;
 *   <li>quantile q(p) of sorted x₀…xₙ₋₁: h = (n−1)·p, q = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋);
 *   <li>IQR = q(0.75) − q(0.25).
 * </ul>
 *
 * Inputs are never modified; null and NaN entries of collections are ignored. Empty input gives null.
 */
public final class Quantiles {
  private Quantiles() {}

  public static @Nullable Double median(double... values) {
    if (values.length == 0) {
      return null;
    }
    double[] x = values.clone();
    Arrays.sort(x);
    return medianOfSorted(x);
  }

  public static @Nullable Double median(Collection<Double> values) {
    return median(toArray(values));
  }

  /** The median of an already sorted array. */
  public static double medianOfSorted(double[] x) {
    int n = x.length;
    if (n == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    return n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2.0;
  }

  public static @Nullable Double quantile(double[] values, double p) {
    if (values.length == 0) {
      return null;
    }
    double[] x = values.clone();
    Arrays.sort(x);
    return quantileOfSorted(x, p);
  }

  /** q(p) of an already sorted array, by linear interpolation between order statistics. */
  public static double quantileOfSorted(double[] x, double p) {
    if (x.length == 0) {
      throw new IllegalArgumentException("quantile of no values");
    }
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("p must be in [0, 1]: " + p);
    }
    double h = (x.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= x.length - 1) {
      return x[x.length - 1];
    }
    return x[lo] + (h - lo) * (x[lo + 1] - x[lo]);
  }

  /** IQR = q(0.75) − q(0.25); 0 for a single value. */
  public static @Nullable Double iqr(double... values) {
    if (values.length == 0) {
      return null;
    }
    double[] x = values.clone();
    Arrays.sort(x);
    return quantileOfSorted(x, 0.75) - quantileOfSorted(x, 0.25);
  }

  public static @Nullable Double iqr(Collection<Double> values) {
    return iqr(toArray(values));
  }

  public static double[] toArray(Collection<Double> values) {
    return values.stream().filter(v -> v != null && !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
  }
}
