package com.evalue.transforms.health;

import java.util.Objects;

/** One column of an output dataset: its storage name, type and nullability. */
public record Column(String name, ColumnKind kind, boolean nullable) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }
}
