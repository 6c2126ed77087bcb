package com.evalue.transforms.health.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every key of the {@code analytics} section and its default (spec: pipeline.md §6). Strictness of each comparison
 * is fixed by the spec and noted here; only the numbers are configurable.
 */
public enum AnalyticsKey {
  /** Points, strict: D &gt; 0.5 charging, D &lt; −0.5 discharging (§3.2 step 6). */
  SOC_DIFF_THRESHOLD("soc_diff_threshold", ValueKind.NUMBER, 0.5),
  /** Minutes, strict &gt; (§3.2 step 9). */
  GAP_SPLIT_MINUTES("gap_split_minutes", ValueKind.NUMBER, 45.0),
  GAP_SPLIT_MAKES("gap_split_makes", ValueKind.MAKE_SET, List.of("bmw", "renault", "tesla")),
  /** Minutes, strict &lt; (§3.2 step 4). */
  SHORT_PHASE_MERGE_MINUTES("short_phase_merge_minutes", ValueKind.NUMBER, 3.0),
  SHORT_PHASE_MERGE_MAKES("short_phase_merge_makes", ValueKind.MAKE_SET, List.of("tesla")),
  /** Minutes, inclusive ≤ (§3.3 step 4). */
  USABLE_MAX_MINUTES("usable_max_minutes", ValueKind.NUMBER, 1440.0),
  /** Points, inclusive ≥ (soc_points &gt; 1 with the default). */
  USABLE_MIN_POINTS("usable_min_points", ValueKind.INTEGER, 2),
  /** Points, inclusive ≥ (decision 7). */
  MIN_DELTA_SOC("min_delta_soc", ValueKind.NUMBER, 10.0),
  MIN_DELTA_SOC_METHODS("min_delta_soc_methods", ValueKind.METHOD_SET,
      List.of("ac_energy_eff90", "charge_power", "dc_energy", "session_energy")),
  /** Minutes, inclusive ≤ (§3.1 step 5). */
  ASOF_MAX_AGE_MINUTES("asof_max_age_minutes", ValueKind.NUMBER, 30.0),
  /** kW, strict &lt; (§4.4 step 4). */
  LEVEL_1_MAX_KW("level_1_max_kw", ValueKind.NUMBER, 8.0),
  /** kW, inclusive ≤. */
  LEVEL_2_MAX_KW("level_2_max_kw", ValueKind.NUMBER, 45.0),
  TESLA_AC_EFFICIENCY("tesla_ac_efficiency", ValueKind.NUMBER, 0.90),
  BMS_SOC_WINDOW("bms_soc_window", ValueKind.RANGE, new ValueRange(20, 80)),
  /** Rows, inclusive ≥. */
  BMS_MIN_ROWS_PER_PHASE("bms_min_rows_per_phase", ValueKind.INTEGER, 3),
  /** Rows, inclusive ≥. */
  BMS_CONSTANT_MIN_ROWS("bms_constant_min_rows", ValueKind.INTEGER, 20),
  /** kWh, strict &gt;. */
  BMS_CONSTANT_SPREAD_KWH("bms_constant_spread_kwh", ValueKind.NUMBER, 0.05),
  SOC_WINDOW("soc_window", ValueKind.MAKE_RANGES, Map.of(
      "renault", new ValueRange(30, 99), "ford", new ValueRange(40, 99),
      "kia", new ValueRange(30, 99), "volvo-cars", new ValueRange(70, 100))),
  VOLVO_RANGE_FACTOR("volvo_range_factor", ValueKind.NUMBER, 0.87),
  /** SoC, strict &lt;. */
  MERCEDES_MAX_SOC_LAST("mercedes_max_soc_last", ValueKind.NUMBER, 99.0),
  /** Hours, strict &lt;. */
  MERCEDES_MAX_HOURS("mercedes_max_hours", ValueKind.NUMBER, 10.0),
  /** Points, strict &gt;. */
  MERCEDES_MIN_POINTS("mercedes_min_points", ValueKind.INTEGER, 10),
  PHASE_SOH_VALID_RANGE("phase_soh_valid_range", ValueKind.RANGE, new ValueRange(0.5, 1.5)),
  /** km, strict &gt;. */
  CONSUMPTION_MIN_KM("consumption_min_km", ValueKind.NUMBER, 5.0),
  /** kWh/100 km, inclusive ≤. */
  CONSUMPTION_MAX("consumption_max", ValueKind.NUMBER, 100.0),
  /** km, strict &lt;. */
  CONSUMPTION_WEIGHT_MAX_KM("consumption_weight_max_km", ValueKind.NUMBER, 100.0),
  RENAULT_TEMP_REFERENCE_C("renault_temp_reference_c", ValueKind.NUMBER, 20.0),
  /** Phases, inclusive ≥. */
  RENAULT_TEMP_MIN_POINTS("renault_temp_min_points", ValueKind.INTEGER, 30),
  /** Per °C, strict &gt;. */
  RENAULT_SLOPE_TOLERANCE("renault_slope_tolerance", ValueKind.NUMBER, 1e-5),
  /** Weeks, inclusive ≥. */
  OUTLIER_MIN_WEEKS("outlier_min_weeks", ValueKind.INTEGER, 6),
  OUTLIER_MAD_K("outlier_mad_k", ValueKind.NUMBER, 3.5),
  OUTLIER_MIN_ABS("outlier_min_abs", ValueKind.NUMBER, 0.02),
  MONOTONE_METHOD("monotone_method", ValueKind.MONOTONE_METHOD, AnalyticsConfig.WEIGHTED_ISOTONIC),
  MONOTONE_MAX_WEEKLY_DROP("monotone_max_weekly_drop", ValueKind.NUMBER, 0.003),
  PLAUSIBILITY_FLOOR("plausibility_floor", ValueKind.NUMBER, 0.9),
  PLAUSIBILITY_FLOOR_PER_KM("plausibility_floor_per_km", ValueKind.NUMBER, 1.25e-6),
  /** Strict &gt; becomes null. */
  PLAUSIBILITY_MAX("plausibility_max", ValueKind.NUMBER, 1.1),
  /** Inclusive: [clip_to_one_from, plausibility_max] becomes 1.0. */
  CLIP_TO_ONE_FROM("clip_to_one_from", ValueKind.NUMBER, 1.0),
  CI_FACTOR("ci_factor", ValueKind.NUMBER, 1.57),
  /**
   * Calibrated on two simulated fleets (100 vehicles × 365 days, seeds 42 and 7, defects on, default noise) so that
   * 90 % of weekly intervals contain the true SoH (spec pipeline.md §5 step 3; docs/accuracy.md, "Calibration").
   * ac_energy_eff90 (never part of soh_estimated) and charge_power (2 weeks in 200 vehicle-years) had too few
   * intervals to calibrate and keep the spec's starting values.
   */
  CI_METHOD_FLOOR("ci_method_floor", ValueKind.METHOD_NUMBERS, Map.of(
      "dc_energy", 0.0024, "ac_energy_eff90", 0.015, "bms_energy", 0.0005, "energy_content", 0.0052,
      "range_ratio", 0.0003, "charge_power", 0.025, "session_energy", 0.0045, "oem", 0.0065)),
  TIMESTAMP_MIN("timestamp_min", ValueKind.DATE, "2012-01-01"),
  TIMESTAMP_MAX_FUTURE_HOURS("timestamp_max_future_hours", ValueKind.NUMBER, 24.0),
  /** sources.md §6: after scaling, a value outside its limits becomes null. "power" covers the three powers. */
  SIGNAL_LIMITS("signal_limits", ValueKind.SIGNAL_RANGES, Map.of(
      "soc", new ValueRange(0, 100),
      "odometer", new ValueRange(0, 2_000_000),
      "soh_oem", new ValueRange(0.5, 1.2),
      "charging_power", new ValueRange(0, 1000),
      "ac_charging_power", new ValueRange(0, 1000),
      "dc_charging_power", new ValueRange(0, 1000),
      "outside_temperature", new ValueRange(-50, 70))),
  /** sources.md §6: factors for values without a unit tag; a signal not listed has factor 1. */
  SCALE_FACTORS("scale_factors", ValueKind.MAKE_SIGNAL_FACTORS, Map.of(
      "tesla", Map.of("odometer", 1.609344),
      "bmw", Map.of("soh_oem", 0.01),
      "mercedes-benz", Map.of("soc", 100.0),
      "renault", Map.of("soc", 100.0),
      "volvo-cars", Map.of("soc", 100.0),
      "ford", Map.of("soc", 100.0),
      "kia", Map.of("soc", 100.0),
      "stellantis", Map.of("soh_oem", 0.01)));

  private final String key;
  private final ValueKind kind;
  private final Object defaultValue;

  AnalyticsKey(String key, ValueKind kind, Object defaultValue) {
    this.key = key;
    this.kind = kind;
    this.defaultValue = defaultValue;
  }

  /** The YAML key. */
  public String key() {
    return key;
  }

  ValueKind kind() {
    return kind;
  }

  /** The default in canonical form (maps sorted, sets sorted). */
  Object canonicalDefault() {
    return canonical(defaultValue);
  }

  public static Optional<AnalyticsKey> find(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(AnalyticsKey::key).toList();
  }

  private static Object canonical(Object v) {
    if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put((String) k, canonical(x)));
      return java.util.Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> l) {
      return l.stream().sorted().toList();
    }
    return v;
  }
}
