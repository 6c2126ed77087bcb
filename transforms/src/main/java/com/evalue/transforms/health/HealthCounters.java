package com.evalue.transforms.health;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-call tally of the spec's counters, returned by the pure stages and turned into Beam counters of the same
 * names by the DoFns (spec: pipeline.md §7.3). Not thread-safe; one instance per call.
 */
public final class HealthCounters {
  /** spec: pipeline.md §1.3; the same name as the decoder's counter. */
  public static final String BAD_TIMESTAMP = "parse.bad_timestamp";
  /** A raw_tss record whose signal is not a column of the make (pipeline.md §1.2, "ignored"). */
  public static final String UNKNOWN_SIGNAL = "raw_tss.unknown_signal";
  /** A raw_tss record whose value kind does not match its column type (ignored). */
  public static final String TYPE_MISMATCH = "raw_tss.type_mismatch";
  public static final String RAW_TSS_ROWS = "raw_tss.rows";
  public static final String POINTS = "processed.points";
  public static final String WEEKS = "processed_results.weeks";
  public static final String OUTLIER_WEEKS = "processed_results.outlier_weeks";
  public static final String IMPLAUSIBLE_SOH = "processed_results.implausible_soh";

  private final TreeMap<String, Long> counts = new TreeMap<>();

  /** {@code processed.out_of_range{signal}} (spec: sources.md §6). */
  public static String outOfRange(String signal) {
    return "processed.out_of_range{" + signal + "}";
  }

  /** Phases per status (spec: pipeline.md §7.3), e.g. {@code phases{charging}}. */
  public static String phases(PhaseStatus status) {
    return "phases{" + status.label() + "}";
  }

  /** Estimates per method (spec: pipeline.md §7.3), e.g. {@code estimates{dc_energy}}. */
  public static String estimates(SohMethod method) {
    return "estimates{" + method.label() + "}";
  }

  public void inc(String name) {
    add(name, 1);
  }

  public void add(String name, long n) {
    if (n != 0) {
      counts.merge(name, n, Long::sum);
    }
  }

  public void addAll(HealthCounters other) {
    other.counts.forEach(this::add);
  }

  public long get(String name) {
    return counts.getOrDefault(name, 0L);
  }

  public Map<String, Long> asMap() {
    return Collections.unmodifiableMap(counts);
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}
