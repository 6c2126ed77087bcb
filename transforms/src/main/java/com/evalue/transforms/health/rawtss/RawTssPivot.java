package com.evalue.transforms.health.rawtss;

import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.SignalValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * raw_tss steps 3–5 (spec: pipeline.md §1.3–§1.5): the long records decoded from one compressed file (vin, data
 * date D) → wide rows. Pure and order-independent: the same records in any order give the same rows.
 */
public final class RawTssPivot {
  private RawTssPivot() {}

  /** Orders the records of one (vin, timestamp, signal): the greatest wins (§1.4). */
  static final Comparator<SignalValue> WINNER_ORDER = Comparator.comparing(SignalValue::receivedAt)
      .thenComparing(SignalValue::sourceId)
      // Not in the spec: two records of one envelope with different values; any fixed rule keeps reruns identical.
      .thenComparing(v -> v.invalid() ? 0 : v.number() != null ? 1 : 2)
      .thenComparing(v -> v.number() != null ? v.number() : 0.0)
      .thenComparing(v -> v.text() != null ? v.text() : "");

  public static PivotResult pivot(Make make, LocalDate dataDate, Iterable<SignalValue> records,
      AnalyticsConfig config) {
    HealthCounters counters = new HealthCounters();
    Instant earliest = config.timestampMin();
    Duration future = Duration.ofMillis(Math.round(config.timestampMaxFutureHours() * 3_600_000d));
    Map<Key, SignalValue> winners = new HashMap<>();
    for (SignalValue v : records) {
      // spec: pipeline.md §1.3 — drop before 2012-01-01 or after received_at + 24 h.
      if (v.timestamp().isBefore(earliest) || v.timestamp().isAfter(v.receivedAt().plus(future))) {
        counters.inc(HealthCounters.BAD_TIMESTAMP);
        continue;
      }
      Optional<ColumnType> type = RawTssSchema.typeOf(make, v.signal());
      if (type.isEmpty()) {
        counters.inc(HealthCounters.UNKNOWN_SIGNAL); // §1.2: signals not in the make's mapping are ignored
        continue;
      }
      if (!v.invalid() && !kindMatches(type.get(), v)) {
        counters.inc(HealthCounters.TYPE_MISMATCH);
        continue;
      }
      // spec: pipeline.md §1.4 — greatest (received_at, source_id); an explicit invalid counts as a value.
      winners.merge(new Key(v.vin(), v.timestamp(), v.signal()), v,
          (a, b) -> WINNER_ORDER.compare(a, b) >= 0 ? a : b);
    }
    // spec: pipeline.md §1.5 — one row per (vin, timestamp, data_date).
    TreeMap<RowKey, RawTssRow.Builder> rows = new TreeMap<>();
    TreeMap<RowKey, Instant> receivedAt = new TreeMap<>();
    for (SignalValue v : winners.values()) {
      RowKey k = new RowKey(v.vin(), v.timestamp());
      RawTssRow.Builder b = rows.computeIfAbsent(k, x -> RawTssRow.builder()
          .set(RawTssRow.VIN, x.vin()).set(RawTssRow.TIMESTAMP, x.timestamp())
          .set(RawTssRow.DATA_DATE, dataDate));
      receivedAt.merge(k, v.receivedAt(), (a, c) -> a.isAfter(c) ? a : c);
      if (v.invalid()) {
        b.invalid(v.signal());
      } else {
        b.set(v.signal(), value(RawTssSchema.typeOf(make, v.signal()).orElseThrow(), v));
      }
    }
    List<RawTssRow> out = new ArrayList<>(rows.size());
    rows.forEach((k, b) -> out.add(b.set(RawTssRow.RECEIVED_AT, receivedAt.get(k)).build()));
    out.sort(RawTssRow.STORAGE_ORDER);
    counters.add(HealthCounters.RAW_TSS_ROWS, out.size());
    return new PivotResult(out, counters);
  }

  private static boolean kindMatches(ColumnType type, SignalValue v) {
    return type == ColumnType.STRING ? v.text() != null : v.number() != null;
  }

  private static Object value(ColumnType type, SignalValue v) {
    return switch (type) {
      case DOUBLE -> v.number();
      case STRING -> v.text();
      case BOOLEAN -> v.number() != 0.0;
    };
  }

  private record Key(String vin, Instant timestamp, String signal) {}

  private record RowKey(String vin, Instant timestamp) implements Comparable<RowKey> {
    RowKey {
      Objects.requireNonNull(vin);
    }

    @Override
    public int compareTo(RowKey o) {
      int c = vin.compareTo(o.vin);
      return c != 0 ? c : timestamp.compareTo(o.timestamp);
    }
  }
}
