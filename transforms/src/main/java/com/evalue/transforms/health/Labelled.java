package com.evalue.transforms.health;

/** An enum whose stored form (Parquet string, PostgreSQL varchar) is a lower-case label of the spec. */
public interface Labelled {
  String label();
}
