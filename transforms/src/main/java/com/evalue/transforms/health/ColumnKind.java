package com.evalue.transforms.health;

/**
 * The storage type of an output column (spec: storage.md §1.6: timestamps are {@code TIMESTAMP(MICROS, UTC)}, dates
 * are {@code DATE}). Java types: STRING {@link String} (enums by their label), DOUBLE {@link Double}, INT
 * {@link Integer}, BOOLEAN {@link Boolean}, TIMESTAMP {@link java.time.Instant}, DATE {@link java.time.LocalDate},
 * STRING_LIST {@code List<String>}.
 */
public enum ColumnKind {
  STRING,
  DOUBLE,
  INT,
  BOOLEAN,
  TIMESTAMP,
  DATE,
  STRING_LIST
}
