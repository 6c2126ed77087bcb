package com.evalue.transforms.source.highmobility;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.ParseCounters;
import com.evalue.transforms.source.SignalSink;
import com.evalue.transforms.source.SourceJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * High Mobility response → canonical signals (spec: sources.md §3.2–§3.3). Each value is at its property's own
 * {@code timestamp}. Percentages stay 0–1 (×100 is applied in processed_tss, §6); {@code {value, unit}} data is
 * converted by its unit (§1.8).
 */
public final class HmSignals {
  private HmSignals() {}

  public static void decode(Envelope envelope, SignalSink sink) throws MalformedPayloadException {
    JsonNode root = SourceJson.parse(envelope.payload(), HmEnvelopes.WHAT);
    if (!root.isObject()) {
      throw new MalformedPayloadException(HmEnvelopes.WHAT + ": expected a JSON object, got "
          + SourceJson.kindOf(root));
    }
    for (Iterator<Map.Entry<String, JsonNode>> caps = root.fields(); caps.hasNext(); ) {
      Map.Entry<String, JsonNode> capability = caps.next();
      if (!capability.getValue().isObject()) {
        continue; // brand, vin, request_id
      }
      for (Iterator<Map.Entry<String, JsonNode>> props = capability.getValue().fields(); props.hasNext(); ) {
        Map.Entry<String, JsonNode> property = props.next();
        Optional<HmProperty> mapped = HmProperty.of(envelope.make(), capability.getKey(), property.getKey());
        if (mapped.isPresent()) {
          property(mapped.get(), property.getValue(), sink);
        }
      }
    }
  }

  /**
   * One property object {@code {data, timestamp, failure}}. A failure, or no data, gives no value; properties
   * declared as multiple (arrays) are not used (§3.2).
   */
  private static void property(HmProperty p, JsonNode obj, SignalSink sink) {
    if (!obj.isObject()) {
      return;
    }
    JsonNode failure = obj.get("failure");
    JsonNode data = obj.get("data");
    if ((failure != null && !failure.isNull()) || data == null || data.isNull()) {
      return;
    }
    Optional<Instant> at = SourceJson.instant(obj.get("timestamp"));
    if (at.isEmpty()) {
      sink.count(ParseCounters.BAD_TIMESTAMP);
      return;
    }
    String signal = p.column().name();
    if (p.column().type() == ColumnType.STRING) {
      if (data.isValueNode()) {
        sink.text(signal, at.get(), data.asText());
      }
      return;
    }
    if (data.isObject()) {
      JsonNode value = data.get("value");
      if (value == null || value.isNull()) {
        return; // structured data that is not {value, unit}, e.g. weekday/time: ignored (§3.2)
      }
      Optional<Double> v = number(value, sink);
      if (v.isEmpty()) {
        return;
      }
      String unit = data.hasNonNull("unit") ? data.get("unit").asText() : null;
      if (p.quantity().isPresent()) {
        sink.measured(signal, at.get(), v.get(), p.quantity().get(), unit, true);
      } else {
        // a 0–1 fraction has no unit to convert from; a tagged value is not one we can place
        sink.unknownUnit(signal, unit);
      }
      return;
    }
    if (p.quantity().isPresent()) {
      // spec: sources.md §1.8 — this property's value form is {value, unit}; without its unit it is dropped
      sink.unknownUnit(signal, null);
      return;
    }
    number(data, sink).ifPresent(v -> sink.number(signal, at.get(), v));
  }

  private static Optional<Double> number(JsonNode node, SignalSink sink) {
    OptionalDouble v = SourceJson.number(node);
    if (v.isEmpty()) {
      sink.count(ParseCounters.BAD_NUMBER);
      return Optional.empty();
    }
    return Optional.of(v.getAsDouble());
  }
}
