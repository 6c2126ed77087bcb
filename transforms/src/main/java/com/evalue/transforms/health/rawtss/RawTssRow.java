package com.evalue.transforms.health.rawtss;

import com.evalue.transforms.model.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * One wide row of {@code raw_tss} (spec: pipeline.md §1.5, storage.md §4.1): one (vin, timestamp, data_date), one
 * value per canonical signal of the make.
 *
 * <p>{@code values} holds only the non-null signals, keyed by canonical column name ({@link RawTssSchema}): a
 * {@link Double} for DOUBLE columns, a {@link String} for STRING columns, a {@link Boolean} for BOOLEAN columns. A
 * signal reported {@code invalid} at this timestamp is absent from {@code values} and named in
 * {@code invalidSignals}, so "invalid" stays distinguishable from "not sent". Both collections are immutable and
 * sorted, so equal rows are equal records and encode to equal bytes.
 *
 * @param vin normalised VIN
 * @param timestamp the signal time, microsecond precision
 * @param dataDate the data date of the compressed file the row came from
 * @param receivedAt the latest {@code received_at} among the row's records
 * @param values non-null signal values by column name
 * @param invalidSignals the signals reported invalid at this timestamp, sorted
 */
public record RawTssRow(
    String vin,
    Instant timestamp,
    LocalDate dataDate,
    Instant receivedAt,
    Map<String, Object> values,
    List<String> invalidSignals) {

  public static final String VIN = "vin";
  public static final String TIMESTAMP = "timestamp";
  public static final String DATA_DATE = "data_date";
  public static final String RECEIVED_AT = "received_at";
  public static final String INVALID_SIGNALS = "invalid_signals";

  /** Storage order within a VIN-month file (storage.md §4.2): (timestamp, data_date), then vin. */
  public static final Comparator<RawTssRow> STORAGE_ORDER = Comparator.comparing(RawTssRow::timestamp)
      .thenComparing(RawTssRow::dataDate).thenComparing(RawTssRow::vin);

  public RawTssRow {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(dataDate, "dataDate");
    Objects.requireNonNull(receivedAt, "receivedAt");
    timestamp = Timestamps.truncateToMicros(timestamp);
    receivedAt = Timestamps.truncateToMicros(receivedAt);
    values = signalValues(values);
    invalidSignals = invalidList(invalidSignals);
    for (String s : invalidSignals) {
      if (values.containsKey(s)) {
        throw new IllegalArgumentException("signal " + s + " is both valued and invalid at " + timestamp);
      }
    }
  }

  /** The value of any column: the fixed columns, {@code invalid_signals}, or a signal (null when not set). */
  public @Nullable Object get(String column) {
    return switch (column) {
      case VIN -> vin;
      case TIMESTAMP -> timestamp;
      case DATA_DATE -> dataDate;
      case RECEIVED_AT -> receivedAt;
      case INVALID_SIGNALS -> invalidSignals;
      default -> values.get(column);
    };
  }

  /** The value of a DOUBLE signal column, or null. */
  public @Nullable Double number(String signal) {
    return values.get(signal) instanceof Double d ? d : null;
  }

  /** The value of a STRING signal column, or null. */
  public @Nullable String text(String signal) {
    return values.get(signal) instanceof String s ? s : null;
  }

  /** The value of a BOOLEAN signal column, or null. */
  public @Nullable Boolean flag(String signal) {
    return values.get(signal) instanceof Boolean b ? b : null;
  }

  public boolean isInvalid(String signal) {
    return Collections.binarySearch(invalidSignals, signal) >= 0;
  }

  /** A copy with {@code column} set ({@code null} clears a signal); see {@link Builder#set}. */
  public RawTssRow with(String column, @Nullable Object value) {
    return toBuilder().set(column, value).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.vin = vin;
    b.timestamp = timestamp;
    b.dataDate = dataDate;
    b.receivedAt = receivedAt;
    b.values.putAll(values);
    b.invalid.addAll(invalidSignals);
    return b;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a row column by column, e.g. from a Parquet record. */
  public static final class Builder {
    private String vin;
    private Instant timestamp;
    private LocalDate dataDate;
    private Instant receivedAt;
    private final TreeMap<String, Object> values = new TreeMap<>();
    private final TreeSet<String> invalid = new TreeSet<>();

    private Builder() {}

    /**
     * Sets a column by name: {@code vin} (String), {@code timestamp} / {@code received_at} (Instant),
     * {@code data_date} (LocalDate), {@code invalid_signals} (a list of names, or null for none), or a signal
     * (Double, String or Boolean; null clears it).
     */
    public Builder set(String column, @Nullable Object value) {
      switch (column) {
        case VIN -> vin = (String) value;
        case TIMESTAMP -> timestamp = (Instant) value;
        case DATA_DATE -> dataDate = (LocalDate) value;
        case RECEIVED_AT -> receivedAt = (Instant) value;
        case INVALID_SIGNALS -> {
          invalid.clear();
          if (value != null) {
            for (Object o : (List<?>) value) {
              invalid.add((String) o);
            }
          }
        }
        default -> {
          if (value == null) {
            values.remove(column);
          } else {
            values.put(column, value);
            invalid.remove(column);
          }
        }
      }
      return this;
    }

    /** Marks {@code signal} as reported invalid (and clears its value). */
    public Builder invalid(String signal) {
      values.remove(signal);
      invalid.add(signal);
      return this;
    }

    public RawTssRow build() {
      return new RawTssRow(vin, timestamp, dataDate, receivedAt, values, new ArrayList<>(invalid));
    }
  }

  static Map<String, Object> signalValues(@Nullable Map<String, Object> in) {
    TreeMap<String, Object> out = new TreeMap<>();
    if (in != null) {
      for (Map.Entry<String, Object> e : in.entrySet()) {
        Object v = e.getValue();
        if (v == null) {
          continue;
        }
        if (!(v instanceof Double || v instanceof String || v instanceof Boolean)) {
          throw new IllegalArgumentException("signal " + e.getKey() + ": a value is a Double, String or Boolean, got "
              + v.getClass().getSimpleName());
        }
        out.put(Objects.requireNonNull(e.getKey(), "signal name"), v);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  static List<String> invalidList(@Nullable List<String> in) {
    return in == null ? List.of() : List.copyOf(new TreeSet<>(in));
  }
}
