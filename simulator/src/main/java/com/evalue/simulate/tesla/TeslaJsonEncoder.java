package com.evalue.simulate.tesla;

import com.evalue.simulate.emit.Formats;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Encodes a {@link TeslaPayload} in the protobuf-JSON form of {@code transmit_decoded_records} (spec: sources.md
 * §2.5): lowerCamelCase members, {@code key} as the enum name, {@code value} with one member named after the oneof
 * case, enum values by name, {@code createdAt} in RFC 3339 with milliseconds, {@code isResend} always present.
 */
public final class TeslaJsonEncoder {
  private static final JsonFactory FACTORY = new JsonFactory();

  private TeslaJsonEncoder() {}

  public static String encode(TeslaPayload payload) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (TeslaDatum datum : payload.data()) {
        g.writeStartObject();
        g.writeStringField("key", datum.key().jsonName());
        g.writeObjectFieldStart("value");
        value(g, datum.value());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (payload.createdAt() == null) {
        g.writeNullField("createdAt");
      } else {
        g.writeStringField("createdAt", Formats.isoMillis(payload.createdAt()));
      }
      g.writeStringField("vin", payload.vin());
      g.writeBooleanField("isResend", payload.isResend());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void value(JsonGenerator g, TeslaValue value) throws IOException {
    if (value instanceof TeslaValue.StringValue s) {
      g.writeStringField("stringValue", s.value());
    } else if (value instanceof TeslaValue.IntValue i) {
      g.writeNumberField("intValue", i.value());
    } else if (value instanceof TeslaValue.LongValue l) {
      g.writeStringField("longValue", Long.toString(l.value())); // protobuf-JSON writes int64 as a string
    } else if (value instanceof TeslaValue.FloatValue f) {
      g.writeNumberField("floatValue", f.value());
    } else if (value instanceof TeslaValue.DoubleValue d) {
      if (Double.isNaN(d.value())) {
        g.writeStringField("doubleValue", "NaN");
      } else if (Double.isInfinite(d.value())) {
        g.writeStringField("doubleValue", d.value() > 0 ? "Infinity" : "-Infinity");
      } else {
        g.writeNumberField("doubleValue", d.value());
      }
    } else if (value instanceof TeslaValue.BooleanValue b) {
      g.writeBooleanField("booleanValue", b.value());
    } else if (value instanceof TeslaValue.Invalid) {
      g.writeBooleanField("invalid", true);
    } else if (value instanceof TeslaValue.EnumValue e) {
      g.writeStringField(e.type().jsonMember(), e.type().constantName(e.number()));
    } else {
      throw new IllegalArgumentException("unsupported value " + value);
    }
  }
}
