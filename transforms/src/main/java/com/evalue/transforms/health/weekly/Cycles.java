package com.evalue.transforms.health.weekly;

import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.annotation.Nullable;

/** Equivalent full cycles since new (spec: pipeline.md §5 step 9; README glossary "cycles"). */
public final class Cycles {
  private Cycles() {}

  /**
   * round_half_up(odometer / (range × (soh + 1)/2)), with soh = soh_estimated, else soh_oem, else 1; null when the
   * odometer or the range is null or ≤ 0.
   */
  public static @Nullable Integer of(@Nullable Double odometer, @Nullable Double range,
      @Nullable Double sohEstimated, @Nullable Double sohOem) {
    if (odometer == null || range == null || !(odometer > 0) || !(range > 0)) {
      return null;
    }
    double soh = sohEstimated != null ? sohEstimated : sohOem != null ? sohOem : 1.0;
    double cycles = odometer / (range * (soh + 1) / 2);
    if (!Double.isFinite(cycles)) {
      return null;
    }
    return BigDecimal.valueOf(cycles).setScale(0, RoundingMode.HALF_UP).intValueExact();
  }
}
