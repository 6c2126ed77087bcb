package com.evalue.transforms.health.stats;

import javax.annotation.Nullable;

/**
 * Ordinary least squares y = intercept + slope·x (spec: pipeline.md §4.3 step 2). Sums are centred for accuracy.
 * With fewer than two points or var(x) = 0 the slope and intercept are null; r² is null when var(y) = 0 (it is
 * undefined) or when the slope is.
 */
public record LeastSquares(int n, @Nullable Double slope, @Nullable Double intercept, @Nullable Double r2,
    double varianceX) {

  public static LeastSquares fit(double[] x, double[] y) {
    int n = x.length;
    if (y.length != n) {
      throw new IllegalArgumentException("x and y must have the same length");
    }
    if (n == 0) {
      return new LeastSquares(0, null, null, null, 0.0);
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    double varX = sxx / n;
    if (n < 2 || sxx <= 0) {
      return new LeastSquares(n, null, null, null, varX);
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    Double r2 = null;
    if (syy > 0) {
      double ssRes = 0;
      for (int i = 0; i < n; i++) {
        double e = y[i] - (intercept + slope * x[i]);
        ssRes += e * e;
      }
      r2 = 1.0 - ssRes / syy;
    }
    return new LeastSquares(n, slope, intercept, r2, varX);
  }
}
