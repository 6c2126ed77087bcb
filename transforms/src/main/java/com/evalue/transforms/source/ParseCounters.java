package com.evalue.transforms.source;

import javax.annotation.Nullable;

/** Names of the parse counters (spec: sources.md §1.8, §2.4; pipeline.md §1.3). */
public final class ParseCounters {
  /** A numeric value that is empty, NaN, infinite or unparseable (sources.md §2.4.1); also unparseable flags. */
  public static final String BAD_NUMBER = "parse.bad_number";
  /** A value whose own timestamp is missing or unparseable; the value is dropped (pipeline.md §1.3). */
  public static final String BAD_TIMESTAMP = "parse.bad_timestamp";
  /** An envelope that could not be decoded at all and went to the DLQ (pipeline.md §1.2). */
  public static final String DEAD_LETTER = "parse.dead_letter";
  /** The unit label used when a required unit is absent. */
  public static final String MISSING_UNIT = "missing";

  private ParseCounters() {}

  /** {@code parse.invalid{signal}}: a Tesla {@code invalid} report, labelled with the canonical signal. */
  public static String invalid(String signal) {
    return "parse.invalid{" + signal + "}";
  }

  /** {@code parse.unknown_unit{make,signal,unit}}, e.g. {@code parse.unknown_unit{renault,odometer,furlongs}}. */
  public static String unknownUnit(String make, String signal, @Nullable String unit) {
    String label = unit == null || unit.isBlank() ? MISSING_UNIT : unit.trim();
    return "parse.unknown_unit{" + make + "," + signal + "," + label + "}";
  }
}
