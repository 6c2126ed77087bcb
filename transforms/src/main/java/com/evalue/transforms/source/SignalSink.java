package com.evalue.transforms.source;

import com.evalue.transforms.model.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.annotation.Nullable;

/**
 * Collects the signal values and parse counters of one envelope while a source decoder walks its payload. Every
 * value gets the envelope's VIN, {@code received_at} and {@code source_id}.
 */
public final class SignalSink {
  private final Envelope envelope;
  private final List<SignalValue> values = new ArrayList<>();
  private final Map<String, Long> counters = new HashMap<>();

  public SignalSink(Envelope envelope) {
    this.envelope = envelope;
  }

  public Envelope envelope() {
    return envelope;
  }

  public void number(String signal, Instant at, double value) {
    if (!Double.isFinite(value)) {
      count(ParseCounters.BAD_NUMBER);
      return;
    }
    values.add(new SignalValue(envelope.vin(), at, signal, value, null, false, envelope.receivedAt(),
        envelope.sourceId()));
  }

  /** A BOOLEAN column value, carried as 1.0 or 0.0 (see {@link ColumnType#BOOLEAN}). */
  public void flag(String signal, Instant at, boolean value) {
    number(signal, at, value ? 1.0 : 0.0);
  }

  public void text(String signal, Instant at, String value) {
    values.add(new SignalValue(envelope.vin(), at, signal, null, value, false, envelope.receivedAt(),
        envelope.sourceId()));
  }

  /** An explicit "cannot be measured" null, counted as {@code parse.invalid{signal}} (sources.md §2.4.4). */
  public void invalid(String signal, Instant at) {
    values.add(new SignalValue(envelope.vin(), at, signal, null, null, true, envelope.receivedAt(),
        envelope.sourceId()));
    count(ParseCounters.invalid(signal));
  }

  /** A number given as text; unparseable text is dropped and counted as {@code parse.bad_number}. */
  public void numberText(String signal, Instant at, @Nullable String text) {
    OptionalDouble v = NumberText.parse(text);
    if (v.isPresent()) {
      number(signal, at, v.getAsDouble());
    } else {
      count(ParseCounters.BAD_NUMBER);
    }
  }

  /**
   * A measured value with its unit tag (sources.md §1.8): converted to the canonical unit of {@code quantity}. An
   * unknown tag, or a missing one when {@code unitRequired}, drops this value only and counts
   * {@code parse.unknown_unit{make,signal,unit}}. Without a tag and not required, the value stays in native scale.
   */
  public void measured(String signal, Instant at, double value, Quantity quantity, @Nullable String unit,
      boolean unitRequired) {
    if (unit == null || unit.isBlank()) {
      if (unitRequired) {
        unknownUnit(signal, unit);
      } else {
        number(signal, at, value);
      }
      return;
    }
    OptionalDouble converted = UnitTags.toCanonical(quantity, value, unit);
    if (converted.isPresent()) {
      number(signal, at, converted.getAsDouble());
    } else {
      unknownUnit(signal, unit);
    }
  }

  public void unknownUnit(String signal, @Nullable String unit) {
    count(ParseCounters.unknownUnit(envelope.make().code(), signal, unit));
  }

  public void count(String counter) {
    counters.merge(counter, 1L, Long::sum);
  }

  public DecodeResult result() {
    return new DecodeResult(values, counters, null);
  }
}
