package com.evalue.transforms.source;

/** The Parquet type of a canonical signal column of {@code raw_tss} (spec: storage.md §4.1). */
public enum ColumnType {
  /** Numbers; {@link SignalValue#number()}. */
  DOUBLE,
  /** Enums and statuses; {@link SignalValue#text()}. */
  STRING,
  /** Flags; carried as {@link SignalValue#number()} 1.0 (true) or 0.0 (false) until the pivot. */
  BOOLEAN
}
