package com.evalue.transforms.health.rawtss;

import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.SignalColumn;
import com.evalue.transforms.source.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code raw_tss} schema of a make (spec: storage.md §4.1): {@code vin} string, {@code timestamp} timestamp,
 * {@code data_date} date, {@code received_at} timestamp, one nullable column per canonical signal of the make
 * (DOUBLE → double, STRING → string, BOOLEAN → boolean; order of {@link Signals#columnsFor}), then
 * {@code invalid_signals} (list of strings, pipeline.md §1.5).
 */
public final class RawTssSchema {
  public static final List<String> FIXED_COLUMNS =
      List.of(RawTssRow.VIN, RawTssRow.TIMESTAMP, RawTssRow.DATA_DATE, RawTssRow.RECEIVED_AT);

  private RawTssSchema() {}

  /** The canonical signal columns of {@code make} with their types. */
  public static List<SignalColumn> signalColumns(Make make) {
    return Signals.columnsFor(make);
  }

  /** Every column name of the make's file, in storage order. */
  public static List<String> columnNames(Make make) {
    List<String> out = new ArrayList<>(FIXED_COLUMNS);
    signalColumns(make).forEach(c -> out.add(c.name()));
    out.add(RawTssRow.INVALID_SIGNALS);
    return List.copyOf(out);
  }

  public static Optional<ColumnType> typeOf(Make make, String signal) {
    return Signals.typeOf(make, signal);
  }

  /** Checks that every value of {@code row} is a column of {@code make} of the right Java type. */
  public static void check(Make make, RawTssRow row) {
    for (Map.Entry<String, Object> e : row.values().entrySet()) {
      ColumnType type = typeOf(make, e.getKey()).orElseThrow(() -> new IllegalArgumentException(
          make.code() + " has no signal column " + e.getKey()));
      if (!matches(type, e.getValue())) {
        throw new IllegalArgumentException(make.code() + "." + e.getKey() + " is " + type + ", got "
            + e.getValue().getClass().getSimpleName());
      }
    }
    for (String s : row.invalidSignals()) {
      typeOf(make, s).orElseThrow(() -> new IllegalArgumentException(make.code() + " has no signal column " + s));
    }
  }

  static boolean matches(ColumnType type, Object value) {
    return switch (type) {
      case DOUBLE -> value instanceof Double;
      case STRING -> value instanceof String;
      case BOOLEAN -> value instanceof Boolean;
    };
  }
}
