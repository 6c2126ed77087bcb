package com.evalue.simulate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a run wrote; also written to {@code OUT/summary.json}. Record counts include duplicates and malformed
 * records; a BMW push record is one vehicle element of a push body.
 *
 * @param lastDay the last simulated (and delivery) day, inclusive
 * @param recordsByMakeAndFormat make code → payload format code ({@code tesla_proto}, …) → records written
 * @param duplicatesInjected extra copies of records (identical content, possibly {@code is_resend})
 * @param malformedByKind malformed records added, by kind ({@code truncated_protobuf}, {@code broken_json},
 *     {@code invalid_vin}, {@code stellantis_vin_x}, {@code future_timestamp})
 * @param lateRecords records delivered in a later day's file than their event date by the late-arrival defect
 */
public record SimulationSummary(
    int vehicles,
    int days,
    long seed,
    LocalDate startDate,
    LocalDate lastDay,
    boolean defects,
    Path outputDir,
    SortedMap<String, SortedMap<String, Long>> recordsByMakeAndFormat,
    long duplicatesInjected,
    SortedMap<String, Long> malformedByKind,
    long lateRecords,
    long filesWritten,
    long bytesWritten) {

  public SimulationSummary {
    SortedMap<String, SortedMap<String, Long>> copy = new TreeMap<>();
    recordsByMakeAndFormat.forEach((k, v) -> copy.put(k, Collections.unmodifiableSortedMap(new TreeMap<>(v))));
    recordsByMakeAndFormat = Collections.unmodifiableSortedMap(copy);
    malformedByKind = Collections.unmodifiableSortedMap(new TreeMap<>(malformedByKind));
  }

  public long totalRecords() {
    return recordsByMakeAndFormat.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue)
        .sum();
  }

  public long records(String makeCode) {
    return recordsByMakeAndFormat.getOrDefault(makeCode, Collections.emptySortedMap()).values().stream()
        .mapToLong(Long::longValue).sum();
  }

  public long malformedTotal() {
    return malformedByKind.values().stream().mapToLong(Long::longValue).sum();
  }
}
