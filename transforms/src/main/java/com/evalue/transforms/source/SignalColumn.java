package com.evalue.transforms.source;

import java.util.Objects;

/** One canonical signal column of a make's {@code raw_tss} schema (spec: storage.md §4.1, pipeline.md §1.5). */
public record SignalColumn(String name, ColumnType type) {
  public SignalColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
