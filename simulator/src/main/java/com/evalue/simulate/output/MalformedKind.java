package com.evalue.simulate.output;

/** The kinds of deliberately malformed records (spec: sources.md §1.2, §5.4; pipeline.md §1 step 3). */
public enum MalformedKind {
  /** A protobuf record whose bytes stop inside a submessage. */
  TRUNCATED_PROTOBUF("truncated_protobuf"),
  /** A JSON line cut short. */
  BROKEN_JSON("broken_json"),
  /** A VIN of the wrong length or containing {@code O}. */
  INVALID_VIN("invalid_vin"),
  /** A Stellantis VIN with {@code X} as 8th character (older telematics, rejected). */
  STELLANTIS_VIN_X("stellantis_vin_x"),
  /** Timestamps days after the delivery (dropped as {@code parse.bad_timestamp}). */
  FUTURE_TIMESTAMP("future_timestamp");

  private final String code;

  MalformedKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
