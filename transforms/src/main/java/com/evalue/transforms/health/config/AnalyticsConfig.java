package com.evalue.transforms.health.config;

import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.model.Make;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * The effective {@code analytics} configuration (spec: pipeline.md §6): every threshold of the battery-health stages,
 * with the spec's defaults. Immutable and {@link Serializable} (Beam DoFns capture it).
 *
 * <ul>
 *   <li>{@link #defaults()}; {@link #fromYaml(String)} / {@link #fromYaml(Path)} read the {@code analytics:} section
 *       of the single configuration file. A missing section or key takes its default; an unknown key, a wrong type
 *       or a bad value fails with an {@link AnalyticsConfigException} naming the key.
 *   <li>Map-valued keys ({@code soc_window}, {@code ci_method_floor}, {@code signal_limits}, {@code scale_factors})
 *       merge entry by entry over the defaults, so a file may change one SoC window only.
 *   <li>{@link #withOverride(String, String)} changes one key (or one map entry, {@code ci_method_floor.dc_energy},
 *       {@code scale_factors.tesla.odometer}); the value is YAML ({@code 3.0}, {@code [30, 99]}, {@code [bmw]}).
 *   <li>{@link #fingerprint()} is the SHA-256 of {@link #canonicalJson()}, the effective values with sorted keys and
 *       plain decimals: writing a default explicitly does not change it; changing any value does (storage.md §6).
 * </ul>
 */
public final class AnalyticsConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The only {@code monotone_method} (spec: pipeline.md §5 step 6, decision 15). */
  public static final String WEIGHTED_ISOTONIC = "weighted_isotonic";
  /** The YAML section holding these keys. */
  public static final String SECTION = "analytics";

  private static final AnalyticsConfig DEFAULTS = new AnalyticsConfig(defaultValues());

  /** Canonical values of every key: Double, Integer, String, List of String, ValueRange, sorted maps. */
  private final EnumMap<AnalyticsKey, Object> values;

  private AnalyticsConfig(EnumMap<AnalyticsKey, Object> values) {
    this.values = values;
  }

  public static AnalyticsConfig defaults() {
    return DEFAULTS;
  }

  /** Reads the {@code analytics:} section of a YAML document; other top-level sections are ignored. */
  public static AnalyticsConfig fromYaml(String yaml) {
    JsonNode root;
    try {
      root = yamlMapper().readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new AnalyticsConfigException("configuration is not valid YAML: " + e.getOriginalMessage(), e);
    }
    return fromDocument(root);
  }

  public static AnalyticsConfig fromYaml(InputStream in) throws IOException {
    return fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }

  public static AnalyticsConfig fromYaml(Path file) throws IOException {
    return fromYaml(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static AnalyticsConfig fromDocument(@Nullable JsonNode root) {
    if (root == null || root.isNull() || root.isMissingNode()) {
      return defaults();
    }
    if (!root.isObject()) {
      throw new AnalyticsConfigException("configuration must be a mapping with an '" + SECTION + "' section");
    }
    JsonNode section = root.get(SECTION);
    if (section == null || section.isNull()) {
      return defaults();
    }
    return defaults().with(section);
  }

  /** This configuration with the keys of {@code section} (the content of the {@code analytics:} mapping) applied. */
  public AnalyticsConfig with(JsonNode section) {
    if (!section.isObject()) {
      throw new AnalyticsConfigException(SECTION + ": expected a mapping, got " + section.getNodeType());
    }
    EnumMap<AnalyticsKey, Object> next = new EnumMap<>(values);
    Iterator<Map.Entry<String, JsonNode>> it = section.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      AnalyticsKey key = AnalyticsKey.find(e.getKey()).orElseThrow(() -> new AnalyticsConfigException(
          "unknown analytics key '" + e.getKey() + "'; known keys: " + String.join(", ", AnalyticsKey.keys())));
      if (e.getValue().isNull()) {
        throw new AnalyticsConfigException(SECTION + "." + e.getKey() + ": a value is required (omit the key to "
            + "use the default)");
      }
      next.put(key, key.kind().parse(e.getValue(), next.get(key), SECTION + "." + e.getKey()));
    }
    return new AnalyticsConfig(next);
  }

  /**
   * This configuration with one key changed. {@code key} is a key of §6 or, for map-valued keys, a dotted path to
   * one entry ({@code soc_window.renault}, {@code scale_factors.tesla.odometer}); {@code yamlValue} is parsed as
   * YAML ({@code "3.0"}, {@code "[30, 99]"}, {@code "[bmw, tesla]"}).
   */
  public AnalyticsConfig withOverride(String key, String yamlValue) {
    JsonNode value;
    try {
      value = yamlMapper().readTree(yamlValue);
    } catch (JsonProcessingException e) {
      throw new AnalyticsConfigException("override " + key + ": value is not valid YAML: " + yamlValue, e);
    }
    if (value == null || value.isMissingNode()) {
      throw new AnalyticsConfigException("override " + key + ": a value is required");
    }
    String[] path = key.split("\\.");
    AnalyticsKey k = AnalyticsKey.find(path[0]).orElseThrow(() -> new AnalyticsConfigException(
        "unknown analytics key '" + path[0] + "'; known keys: " + String.join(", ", AnalyticsKey.keys())));
    int maxDepth = k.kind() == ValueKind.MAKE_SIGNAL_FACTORS ? 3 : k.kind().isMap() ? 2 : 1;
    if (path.length > maxDepth) {
      throw new AnalyticsConfigException("override " + key + ": " + path[0] + " has no sub-key "
          + key.substring(path[0].length() + 1));
    }
    JsonNode node = value;
    for (int i = path.length - 1; i >= 1; i--) {
      ObjectNode wrap = JsonNodeFactory.instance.objectNode();
      wrap.set(path[i], node);
      node = wrap;
    }
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    section.set(path[0], node);
    return with(section);
  }

  /** Applies {@link #withOverride} for each entry, in order. */
  public AnalyticsConfig withOverrides(Map<String, String> overrides) {
    AnalyticsConfig c = this;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      c = c.withOverride(e.getKey(), e.getValue());
    }
    return c;
  }

  /** The effective values as canonical JSON: sorted keys, numbers as plain decimal strings prefixed by {@code #}. */
  public String canonicalJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    TreeMap<String, Object> sorted = new TreeMap<>();
    values.forEach((k, v) -> sorted.put(k.key(), v));
    sorted.forEach((k, v) -> o.set(k, ValueKind.render(v)));
    try {
      return new ObjectMapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 (hex) of the effective configuration (spec: storage.md §6, {@code config_fingerprint.json}). */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonicalJson().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The canonical value of {@code key}, for logging and tests. */
  public Object value(AnalyticsKey key) {
    return values.get(key);
  }

  // ---- typed accessors, in the order of pipeline.md §6 ----

  public double socDiffThreshold() {
    return num(AnalyticsKey.SOC_DIFF_THRESHOLD);
  }

  public double gapSplitMinutes() {
    return num(AnalyticsKey.GAP_SPLIT_MINUTES);
  }

  public boolean splitsOnGap(Make make) {
    return strings(AnalyticsKey.GAP_SPLIT_MAKES).contains(make.code());
  }

  public double shortPhaseMergeMinutes() {
    return num(AnalyticsKey.SHORT_PHASE_MERGE_MINUTES);
  }

  public boolean mergesShortPhases(Make make) {
    return strings(AnalyticsKey.SHORT_PHASE_MERGE_MAKES).contains(make.code());
  }

  public double usableMaxMinutes() {
    return num(AnalyticsKey.USABLE_MAX_MINUTES);
  }

  public int usableMinPoints() {
    return integer(AnalyticsKey.USABLE_MIN_POINTS);
  }

  public double minDeltaSoc() {
    return num(AnalyticsKey.MIN_DELTA_SOC);
  }

  /** True when estimates of {@code method} are kept only with soc_diff ≥ {@link #minDeltaSoc()} (decision 7). */
  public boolean needsMinDeltaSoc(SohMethod method) {
    return strings(AnalyticsKey.MIN_DELTA_SOC_METHODS).contains(method.label());
  }

  public double asofMaxAgeMinutes() {
    return num(AnalyticsKey.ASOF_MAX_AGE_MINUTES);
  }

  public double level1MaxKw() {
    return num(AnalyticsKey.LEVEL_1_MAX_KW);
  }

  public double level2MaxKw() {
    return num(AnalyticsKey.LEVEL_2_MAX_KW);
  }

  public double teslaAcEfficiency() {
    return num(AnalyticsKey.TESLA_AC_EFFICIENCY);
  }

  public ValueRange bmsSocWindow() {
    return (ValueRange) values.get(AnalyticsKey.BMS_SOC_WINDOW);
  }

  public int bmsMinRowsPerPhase() {
    return integer(AnalyticsKey.BMS_MIN_ROWS_PER_PHASE);
  }

  public int bmsConstantMinRows() {
    return integer(AnalyticsKey.BMS_CONSTANT_MIN_ROWS);
  }

  public double bmsConstantSpreadKwh() {
    return num(AnalyticsKey.BMS_CONSTANT_SPREAD_KWH);
  }

  /** The SoC window of the energy-content / range-ratio estimate of {@code make}, or null when it has none. */
  public @Nullable ValueRange socWindow(Make make) {
    return (ValueRange) map(AnalyticsKey.SOC_WINDOW).get(make.code());
  }

  public double volvoRangeFactor() {
    return num(AnalyticsKey.VOLVO_RANGE_FACTOR);
  }

  public double mercedesMaxSocLast() {
    return num(AnalyticsKey.MERCEDES_MAX_SOC_LAST);
  }

  public double mercedesMaxHours() {
    return num(AnalyticsKey.MERCEDES_MAX_HOURS);
  }

  public int mercedesMinPoints() {
    return integer(AnalyticsKey.MERCEDES_MIN_POINTS);
  }

  public ValueRange phaseSohValidRange() {
    return (ValueRange) values.get(AnalyticsKey.PHASE_SOH_VALID_RANGE);
  }

  public double consumptionMinKm() {
    return num(AnalyticsKey.CONSUMPTION_MIN_KM);
  }

  public double consumptionMax() {
    return num(AnalyticsKey.CONSUMPTION_MAX);
  }

  public double consumptionWeightMaxKm() {
    return num(AnalyticsKey.CONSUMPTION_WEIGHT_MAX_KM);
  }

  public double renaultTempReferenceC() {
    return num(AnalyticsKey.RENAULT_TEMP_REFERENCE_C);
  }

  public int renaultTempMinPoints() {
    return integer(AnalyticsKey.RENAULT_TEMP_MIN_POINTS);
  }

  public double renaultSlopeTolerance() {
    return num(AnalyticsKey.RENAULT_SLOPE_TOLERANCE);
  }

  public int outlierMinWeeks() {
    return integer(AnalyticsKey.OUTLIER_MIN_WEEKS);
  }

  public double outlierMadK() {
    return num(AnalyticsKey.OUTLIER_MAD_K);
  }

  public double outlierMinAbs() {
    return num(AnalyticsKey.OUTLIER_MIN_ABS);
  }

  public String monotoneMethod() {
    return (String) values.get(AnalyticsKey.MONOTONE_METHOD);
  }

  public double monotoneMaxWeeklyDrop() {
    return num(AnalyticsKey.MONOTONE_MAX_WEEKLY_DROP);
  }

  public double plausibilityFloor() {
    return num(AnalyticsKey.PLAUSIBILITY_FLOOR);
  }

  public double plausibilityFloorPerKm() {
    return num(AnalyticsKey.PLAUSIBILITY_FLOOR_PER_KM);
  }

  public double plausibilityMax() {
    return num(AnalyticsKey.PLAUSIBILITY_MAX);
  }

  public double clipToOneFrom() {
    return num(AnalyticsKey.CLIP_TO_ONE_FROM);
  }

  public double ciFactor() {
    return num(AnalyticsKey.CI_FACTOR);
  }

  /** The systematic CI floor of {@code method} (§5 step 3); 0 when the method has none configured. */
  public double ciMethodFloor(SohMethod method) {
    Object v = map(AnalyticsKey.CI_METHOD_FLOOR).get(method.label());
    return v == null ? 0.0 : (Double) v;
  }

  public LocalDate timestampMinDate() {
    return LocalDate.parse((String) values.get(AnalyticsKey.TIMESTAMP_MIN));
  }

  /** {@code timestamp_min} at 00:00 UTC: records before it are dropped (§1.3). */
  public Instant timestampMin() {
    return timestampMinDate().atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public double timestampMaxFutureHours() {
    return num(AnalyticsKey.TIMESTAMP_MAX_FUTURE_HOURS);
  }

  /** The plausibility limits of {@code signal} after scaling (sources.md §6), or null when it has none. */
  public @Nullable ValueRange signalLimit(String signal) {
    return (ValueRange) map(AnalyticsKey.SIGNAL_LIMITS).get(signal);
  }

  /** The signals that have plausibility limits. */
  public Set<String> limitedSignals() {
    TreeSet<String> out = new TreeSet<>();
    map(AnalyticsKey.SIGNAL_LIMITS).keySet().forEach(k -> out.add((String) k));
    return Collections.unmodifiableSet(out);
  }

  /** The factor applied to {@code signal} of {@code make} in processed_tss (sources.md §6); 1 when none. */
  public double scaleFactor(Make make, String signal) {
    Object perMake = map(AnalyticsKey.SCALE_FACTORS).get(make.code());
    if (perMake == null) {
      return 1.0;
    }
    Object f = ((Map<?, ?>) perMake).get(signal);
    return f == null ? 1.0 : (Double) f;
  }

  private double num(AnalyticsKey key) {
    return (Double) values.get(key);
  }

  private int integer(AnalyticsKey key) {
    return (Integer) values.get(key);
  }

  @SuppressWarnings("unchecked")
  private List<String> strings(AnalyticsKey key) {
    return (List<String>) values.get(key);
  }

  private Map<?, ?> map(AnalyticsKey key) {
    return (Map<?, ?>) values.get(key);
  }

  private static EnumMap<AnalyticsKey, Object> defaultValues() {
    EnumMap<AnalyticsKey, Object> v = new EnumMap<>(AnalyticsKey.class);
    for (AnalyticsKey k : AnalyticsKey.values()) {
      v.put(k, k.canonicalDefault());
    }
    return v;
  }

  private static YAMLMapper yamlMapper() {
    return new YAMLMapper();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnalyticsConfig other && canonicalJson().equals(other.canonicalJson());
  }

  @Override
  public int hashCode() {
    return canonicalJson().hashCode();
  }

  @Override
  public String toString() {
    return "AnalyticsConfig" + canonicalJson();
  }
}
