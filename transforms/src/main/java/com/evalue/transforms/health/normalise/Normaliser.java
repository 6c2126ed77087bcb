package com.evalue.transforms.health.normalise;

import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.config.ValueRange;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.model.Make;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * processed_tss normalisation (spec: pipeline.md §3.1 steps 2–4): a VIN's raw_tss rows (all months) → one point per
 * timestamp, scaled (sources.md §6), within the plausibility limits, sorted. Nothing is forward-filled (step 5).
 */
public final class Normaliser {
  private Normaliser() {}

  /** Candidate order of one column at one timestamp: the greatest (received_at, data_date) wins (step 2). */
  private static final Comparator<Candidate> NEWEST = Comparator.comparing(Candidate::receivedAt)
      .thenComparing(Candidate::dataDate)
      // Not in the spec: identical (received_at, data_date) only for duplicated input; a fixed rule keeps reruns
      // identical.
      .thenComparing(c -> c.value == null ? "" : c.value.toString());

  public static List<ProcessedPoint> normalise(Make make, Iterable<RawTssRow> rows, AnalyticsConfig config,
      HealthCounters counters) {
    // Step 2: collapse to one row per (vin, timestamp), column by column.
    TreeMap<String, TreeMap<Instant, Map<String, Candidate>>> byVin = new TreeMap<>();
    for (RawTssRow r : rows) {
      Map<String, Candidate> columns = byVin.computeIfAbsent(r.vin(), v -> new TreeMap<>())
          .computeIfAbsent(r.timestamp(), t -> new TreeMap<>());
      r.values().forEach((signal, value) -> offer(columns, signal, new Candidate(r.receivedAt(), r.dataDate(),
          value)));
      // An invalid report is a value in the collapse too (§1.4), so "invalid" survives into the points.
      r.invalidSignals().forEach(signal -> offer(columns, signal, new Candidate(r.receivedAt(), r.dataDate(),
          null)));
    }
    List<ProcessedPoint> out = new ArrayList<>();
    byVin.forEach((vin, byTime) -> byTime.forEach((timestamp, columns) -> {
      Map<String, Object> values = new TreeMap<>();
      TreeSet<String> invalid = new TreeSet<>();
      columns.forEach((signal, c) -> {
        if (c.value == null) {
          invalid.add(signal);
          return;
        }
        Object v = c.value;
        if (v instanceof Double d) {
          // Step 3: per-make scale factor, then plausibility limits (sources.md §6).
          double scaled = d * config.scaleFactor(make, signal);
          ValueRange limit = config.signalLimit(signal);
          if (limit != null && !limit.contains(scaled)) {
            counters.inc(HealthCounters.outOfRange(signal));
            return;
          }
          v = scaled;
        }
        values.put(signal, v);
      });
      out.add(new ProcessedPoint(vin, timestamp, values, new ArrayList<>(invalid), null, null));
    }));
    // Step 4: sorted by timestamp (TreeMap order), one VIN per call in practice.
    out.sort(Comparator.comparing(ProcessedPoint::timestamp).thenComparing(ProcessedPoint::vin));
    counters.add(HealthCounters.POINTS, out.size());
    return out;
  }

  private static void offer(Map<String, Candidate> columns, String signal, Candidate c) {
    columns.merge(signal, c, (a, b) -> NEWEST.compare(a, b) >= 0 ? a : b);
  }

  /** A column's value (null = reported invalid) from one raw row. */
  private record Candidate(Instant receivedAt, LocalDate dataDate, Object value) {}
}
