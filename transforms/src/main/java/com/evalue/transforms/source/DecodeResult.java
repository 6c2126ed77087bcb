package com.evalue.transforms.source;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * What decoding one envelope gave (spec: pipeline.md §1.2).
 *
 * @param values the long records, in payload order
 * @param counters parse counters, e.g. {@code parse.bad_number}, {@code parse.invalid{energy_remaining}},
 *     {@code parse.unknown_unit{renault,odometer,furlongs}}, {@code parse.bad_timestamp}; sorted by name
 * @param error a one-line reason when the payload could not be decoded at all (the envelope goes to the DLQ and
 *     {@code values} is empty); null otherwise
 */
public record DecodeResult(List<SignalValue> values, Map<String, Long> counters, @Nullable String error) {
  public DecodeResult {
    values = List.copyOf(values);
    counters = Collections.unmodifiableMap(new TreeMap<>(counters));
  }

  public static DecodeResult failed(String error) {
    return new DecodeResult(List.of(), Map.of(), error);
  }

  public boolean failed() {
    return error != null;
  }

  /** The count of {@code key}, 0 when absent. */
  public long counter(String key) {
    return counters.getOrDefault(key, 0L);
  }
}
