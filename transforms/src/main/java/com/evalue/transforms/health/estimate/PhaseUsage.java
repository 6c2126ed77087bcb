package com.evalue.transforms.health.estimate;

import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.model.Make;
import javax.annotation.Nullable;

/** Consumption, km/SoC ratio, charging power, levels and efc of one phase (spec: pipeline.md §4.4). */
public final class PhaseUsage {
  private PhaseUsage() {}

  /** The charging levels of a phase: fractions of a full charge (§4.4 step 4). */
  public record Levels(double level1, double level2, double level3) {
    public static final Levels NONE = new Levels(0, 0, 0);
  }

  /**
   * Consumption in kWh/100 km (§4.4 step 1): for a discharging phase with odometer_diff &gt; 5 km,
   * −soc_diff × net_capacity / odometer_diff; stellantis multiplies by the latest OEM SoH at or before datetime_end
   * (1.0 when none); bmw takes consumption_oem_mean when it is non-null (discharging phases only, like the
   * formula; the distance condition belongs to the formula).
   *
   * @param latestSohOem the latest OEM SoH reading of the VIN at or before datetime_end (stellantis), or null
   * @param consumptionOemMean the mean of the phase's consumption_oem readings (bmw), or null
   */
  public static @Nullable Double consumption(Make make, Phase phase, @Nullable Double odometerDiff,
      @Nullable Double netCapacity, @Nullable Double latestSohOem, @Nullable Double consumptionOemMean,
      AnalyticsConfig config) {
    if (phase.phaseStatus() != PhaseStatus.DISCHARGING) {
      return null;
    }
    if (make == Make.BMW && consumptionOemMean != null) {
      return consumptionOemMean;
    }
    if (odometerDiff == null
        || !(odometerDiff > config.consumptionMinKm()) || netCapacity == null) {
      return null;
    }
    double c = -phase.socDiff() * netCapacity / odometerDiff;
    if (make == Make.STELLANTIS) {
      c *= latestSohOem == null ? 1.0 : latestSohOem;
    }
    return c;
  }

  /** km per SoC point (§4.4 step 2), only when soc_diff &lt; 0 and odometer_diff &gt; 0. */
  public static @Nullable Double ratioKmSoc(Phase phase, @Nullable Double odometerDiff) {
    if (phase.socDiff() < 0 && odometerDiff != null && odometerDiff > 0) {
      return odometerDiff / Math.abs(phase.socDiff());
    }
    return null;
  }

  /**
   * charging_power_kw (§4.4 step 3): tesla, median(ac) + median(dc) with a missing median counting 0, null when both
   * are missing; other makes, the median of charging_power.
   */
  public static @Nullable Double chargingPowerKw(Make make, PhaseRows rows) {
    if (make == Make.TESLA) {
      Double ac = rows.median("ac_charging_power");
      Double dc = rows.median("dc_charging_power");
      if (ac == null && dc == null) {
        return null;
      }
      return (ac == null ? 0.0 : ac) + (dc == null ? 0.0 : dc);
    }
    return rows.median("charging_power");
  }

  /**
   * Levels (§4.4 step 4): a charging phase with soc_diff &gt; 0 and a power P puts soc_diff/100 in level 1 when
   * P &lt; 8 kW, level 2 when 8 ≤ P ≤ 45, level 3 when P &gt; 45. Every other phase has 0 everywhere; a phase
   * without power data gets no level (decision 10).
   */
  public static Levels levels(Phase phase, @Nullable Double powerKw, AnalyticsConfig config) {
    if (phase.phaseStatus() != PhaseStatus.CHARGING || !(phase.socDiff() > 0) || powerKw == null) {
      return Levels.NONE;
    }
    double f = phase.socDiff() / 100.0;
    if (powerKw < config.level1MaxKw()) {
      return new Levels(f, 0, 0);
    }
    if (powerKw <= config.level2MaxKw()) {
      return new Levels(0, f, 0);
    }
    return new Levels(0, 0, f);
  }

  /** Equivalent full cycles charged (§4.4 step 5): soc_diff/100 for charging phases with soc_diff &gt; 0. */
  public static double efc(Phase phase) {
    return phase.phaseStatus() == PhaseStatus.CHARGING && phase.socDiff() > 0 ? phase.socDiff() / 100.0 : 0.0;
  }
}
