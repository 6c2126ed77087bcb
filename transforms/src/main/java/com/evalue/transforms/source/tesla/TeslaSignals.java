package com.evalue.transforms.source.tesla;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.NumberText;
import com.evalue.transforms.source.ParseCounters;
import com.evalue.transforms.source.SignalColumn;
import com.evalue.transforms.source.SignalSink;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Tesla payload → canonical signals, every value at the envelope's event time (spec: sources.md §2.3–§2.4). Values
 * stay in native units (odometer in miles); scaling is done in processed_tss (§6). Every value case is accepted for
 * every field.
 */
public final class TeslaSignals {
  private TeslaSignals() {}

  public static void decode(Envelope envelope, SignalSink sink) throws MalformedPayloadException {
    TeslaRecord record = TeslaEnvelopes.read(envelope.payloadFormat(), envelope.payload());
    Instant at = envelope.eventTime();
    for (TeslaRecord.Datum d : record.data()) {
      if (!d.fieldName().isEmpty()) {
        continue; // a JSON key name we do not know: not one of our fields (§2.3)
      }
      Optional<TeslaField> field = TeslaField.ofNumber(d.field());
      Optional<SignalColumn> column = field.flatMap(TeslaField::column);
      if (column.isEmpty()) {
        continue; // other field numbers, Location (21) included, are ignored (§2.3)
      }
      decodeValue(field.get(), column.get(), d.value(), at, sink);
    }
  }

  private static void decodeValue(TeslaField field, SignalColumn column, TeslaValue value, Instant at,
      SignalSink sink) {
    String signal = column.name();
    // spec: sources.md §2.4.4 — invalid is an explicit null at this timestamp
    if (value instanceof TeslaValue.Invalid invalid) {
      if (invalid.value()) {
        sink.invalid(signal, at);
      }
      return;
    }
    switch (column.type()) {
      case DOUBLE -> number(signal, value, at, sink);
      case BOOLEAN -> flag(signal, value, at, sink);
      case STRING -> enumText(field, signal, value, at, sink);
      default -> throw new IllegalStateException("unhandled column type " + column.type());
    }
  }

  /** spec: sources.md §2.4.1–§2.4.3. */
  private static void number(String signal, TeslaValue value, Instant at, SignalSink sink) {
    if (value instanceof TeslaValue.Text t) {
      sink.numberText(signal, at, t.value());
    } else if (value instanceof TeslaValue.Integral i) {
      sink.number(signal, at, (double) i.value());
    } else if (value instanceof TeslaValue.Float32 f) {
      sink.number(signal, at, f.asDouble());
    } else if (value instanceof TeslaValue.Float64 d) {
      sink.number(signal, at, d.value());
    } else if (value instanceof TeslaValue.Bool b) {
      sink.flag(signal, at, b.value());
    } else if (value instanceof TeslaValue.BadNumber || value instanceof TeslaValue.EnumName) {
      sink.count(ParseCounters.BAD_NUMBER);
    }
    // no value, a location or a value case we do not know: nothing to store
  }

  /** Flags: {@code true}/{@code 1} and {@code false}/{@code 0}, as text, booleans or numbers (§2.4.1, §2.4.3). */
  private static void flag(String signal, TeslaValue value, Instant at, SignalSink sink) {
    OptionalDouble v;
    if (value instanceof TeslaValue.Text t) {
      v = NumberText.parseFlag(t.value());
    } else if (value instanceof TeslaValue.Bool b) {
      v = OptionalDouble.of(b.value() ? 1.0 : 0.0);
    } else if (value instanceof TeslaValue.Integral i) {
      v = zeroOrOne(i.value());
    } else if (value instanceof TeslaValue.Float32 f) {
      v = zeroOrOne(f.asDouble());
    } else if (value instanceof TeslaValue.Float64 d) {
      v = zeroOrOne(d.value());
    } else if (value instanceof TeslaValue.BadNumber || value instanceof TeslaValue.EnumName) {
      v = OptionalDouble.empty();
    } else {
      return; // no value, a location or a value case we do not know
    }
    if (v.isPresent()) {
      sink.number(signal, at, v.getAsDouble());
    } else {
      sink.count(ParseCounters.BAD_NUMBER);
    }
  }

  private static OptionalDouble zeroOrOne(double v) {
    return v == 0.0 || v == 1.0 ? OptionalDouble.of(v) : OptionalDouble.empty();
  }

  /** Enums: the normalised name (§2.2, §2.4.5); a number is read as the field's enum number. */
  private static void enumText(TeslaField field, String signal, TeslaValue value, Instant at, SignalSink sink) {
    TeslaEnum type = field.enumType().orElseThrow();
    if (value instanceof TeslaValue.EnumName e) {
      sink.text(signal, at, e.name());
    } else if (value instanceof TeslaValue.Text t) {
      if (!t.value().isBlank()) {
        sink.text(signal, at, type.canonical(t.value()));
      }
    } else if (value instanceof TeslaValue.Integral i) {
      sink.text(signal, at, type.canonical(i.value()));
    } else if (value instanceof TeslaValue.Float32 f) {
      integralEnum(type, signal, f.asDouble(), at, sink);
    } else if (value instanceof TeslaValue.Float64 d) {
      integralEnum(type, signal, d.value(), at, sink);
    } else if (value instanceof TeslaValue.BadNumber) {
      sink.count(ParseCounters.BAD_NUMBER);
    }
    // booleans, locations, no value: not an enum
  }

  private static void integralEnum(TeslaEnum type, String signal, double v, Instant at, SignalSink sink) {
    if (Double.isFinite(v) && v == Math.rint(v)) {
      sink.text(signal, at, type.canonical((long) v));
    } else {
      sink.count(ParseCounters.BAD_NUMBER);
    }
  }
}
