package com.evalue.transforms.health.weekly;

import javax.annotation.Nullable;

/** The weekly confidence interval (spec: pipeline.md §5 step 3 and step 8). */
public final class ConfidenceInterval {
  private ConfidenceInterval() {}

  /** [low, high]. */
  public record Bounds(double low, double high) {}

  /**
   * half = √((ci_factor × IQR / √n)² + f²). With n = 1 the IQR is 0 and half = f.
   *
   * @param iqr the IQR of the week's values
   * @param n their count, ≥ 1
   * @param factor {@code ci_factor} (1.57)
   * @param floor the method's systematic floor {@code ci_method_floor}
   */
  public static double halfWidth(double iqr, int n, double factor, double floor) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be ≥ 1");
    }
    double statistical = factor * iqr / Math.sqrt(n);
    return Math.sqrt(statistical * statistical + floor * floor);
  }

  /**
   * Step 8: null when the final value is null; otherwise the raw bounds m ± half shifted by (final − m), i.e.
   * final ± half, clipped to [lo, hi].
   */
  public static @Nullable Bounds finalise(@Nullable Double finalValue, double half, double clipLow,
      double clipHigh) {
    if (finalValue == null) {
      return null;
    }
    return new Bounds(clip(finalValue - half, clipLow, clipHigh), clip(finalValue + half, clipLow, clipHigh));
  }

  private static double clip(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
