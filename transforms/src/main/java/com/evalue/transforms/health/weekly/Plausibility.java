package com.evalue.transforms.health.weekly;

import com.evalue.transforms.health.config.AnalyticsConfig;
import javax.annotation.Nullable;

/** The plausibility rule of spec pipeline.md §5 step 7, for soh_estimated and soh_ac_estimate. */
public final class Plausibility {
  private Plausibility() {}

  /** The floor at {@code odometer} km: 0.9 − 1.25e−6 × odometer; 0.9 without an odometer. */
  public static double floor(@Nullable Double odometer, AnalyticsConfig config) {
    return config.plausibilityFloor() - config.plausibilityFloorPerKm() * (odometer == null ? 0.0 : odometer);
  }

  /** Below the floor or above 1.1 → null; within [1.0, 1.1] → 1.0; otherwise unchanged. */
  public static @Nullable Double apply(@Nullable Double soh, @Nullable Double odometer, AnalyticsConfig config) {
    if (soh == null) {
      return null;
    }
    if (soh < floor(odometer, config) || soh > config.plausibilityMax()) {
      return null;
    }
    return soh >= config.clipToOneFrom() ? 1.0 : soh;
  }
}
