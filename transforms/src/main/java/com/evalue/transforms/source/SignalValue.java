package com.evalue.transforms.source;

import com.evalue.transforms.model.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One long record of {@code raw_tss} before the pivot: a canonical signal of one VIN at one instant (spec:
 * pipeline.md §1.2).
 *
 * <p>Exactly one of these holds: {@code number != null} (DOUBLE columns, and BOOLEAN columns as 1.0/0.0),
 * {@code text != null} (STRING columns: enums and statuses), or {@code invalid} (Tesla's {@code invalid = true}: an
 * explicit null that still counts as a value, sources.md §2.4.4). Timestamps are truncated to microseconds.
 *
 * @param vin normalised VIN
 * @param timestamp the signal time (UTC)
 * @param signal canonical signal name, a column of {@link Signals#columnsFor}
 * @param number numeric value, in canonical units when it arrived with a unit tag, else in native scale
 * @param text enum or status value
 * @param invalid the source reported "cannot be measured" at this instant
 * @param receivedAt the envelope's {@code received_at}, for last-writer-wins (pipeline.md §1.4)
 * @param sourceId the envelope's {@code source_id}, the tie-breaker after {@code receivedAt}
 */
public record SignalValue(
    String vin,
    Instant timestamp,
    String signal,
    @Nullable Double number,
    @Nullable String text,
    boolean invalid,
    Instant receivedAt,
    String sourceId) {

  public SignalValue {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(sourceId, "sourceId");
    int held = (number != null ? 1 : 0) + (text != null ? 1 : 0) + (invalid ? 1 : 0);
    if (held != 1) {
      throw new IllegalArgumentException(
          "a signal value holds exactly one of number, text, invalid; got " + held + " for " + signal);
    }
    timestamp = Timestamps.truncateToMicros(timestamp);
    receivedAt = Timestamps.truncateToMicros(receivedAt);
  }

  /** spec: pipeline.md §1.3 — records before this are dropped (counter {@code parse.bad_timestamp}). */
  public static final Instant EARLIEST = Instant.parse("2012-01-01T00:00:00Z");

  /**
   * raw_tss step 3 (pipeline.md §1.3): the timestamp is not before 2012-01-01 and not later than
   * {@code received_at} + 24 h. The decoder does not apply it; the raw_tss stage does, and counts the drops.
   */
  public boolean hasPlausibleTimestamp() {
    return !timestamp.isBefore(EARLIEST) && !timestamp.isAfter(receivedAt.plus(Duration.ofHours(24)));
  }

  /** The value of a BOOLEAN column: true for 1.0; null for text or invalid values. */
  public @Nullable Boolean flag() {
    return number == null ? null : number != 0.0;
  }
}
