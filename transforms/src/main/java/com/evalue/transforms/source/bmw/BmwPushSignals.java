package com.evalue.transforms.source.bmw;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.ParseCounters;
import com.evalue.transforms.source.SignalSink;
import com.evalue.transforms.source.SourceJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One BMW push element → canonical signals, each key at its own {@code date_of_value} (spec: sources.md §4.1.4).
 * Values are strings; numeric keys are parsed as numbers. {@code hv_state_of_health} stays in % (×0.01 in
 * processed_tss, §6).
 */
public final class BmwPushSignals {
  private BmwPushSignals() {}

  public static void decode(Envelope envelope, SignalSink sink) throws MalformedPayloadException {
    JsonNode element = SourceJson.parse(envelope.payload(), BmwPushEnvelopes.WHAT);
    JsonNode values = element.isObject() ? element.get("pushKeyValues") : null;
    if (values == null || !values.isArray()) {
      throw new MalformedPayloadException(BmwPushEnvelopes.WHAT + ": element has no pushKeyValues array");
    }
    for (JsonNode kv : values) {
      if (!kv.isObject()) {
        continue;
      }
      Optional<BmwPushKey> key = SourceJson.text(kv.get("key")).flatMap(BmwPushKey::of);
      JsonNode value = kv.get("value");
      if (key.isEmpty() || value == null || value.isNull()) {
        continue; // unmapped keys (current_remaining_fuel_range, remaining_fuel, …) are ignored
      }
      Optional<Instant> at = SourceJson.instant(kv.get("date_of_value"));
      if (at.isEmpty()) {
        sink.count(ParseCounters.BAD_TIMESTAMP);
        continue;
      }
      String unit = kv.hasNonNull("unit") ? kv.get("unit").asText() : null;
      // push values may come without a unit: they are then in the key's native scale
      SourceJson.emit(sink, key.get().column(), key.get().quantity(), at.get(), value, unit, false);
    }
  }
}
