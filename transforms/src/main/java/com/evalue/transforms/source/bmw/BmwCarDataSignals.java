package com.evalue.transforms.source.bmw;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.ParseCounters;
import com.evalue.transforms.source.SignalSink;
import com.evalue.transforms.source.SourceJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * One BMW CarData poll result → canonical signals, each descriptor at its own {@code timestamp} (spec: sources.md
 * §4.2.4 and table). Charging power arrives in W and becomes kW by its tag.
 */
public final class BmwCarDataSignals {
  private BmwCarDataSignals() {}

  public static void decode(Envelope envelope, SignalSink sink) throws MalformedPayloadException {
    JsonNode root = SourceJson.parse(envelope.payload(), BmwCarDataEnvelopes.WHAT);
    JsonNode data = root.isObject() ? root.get("telematicData") : null;
    if (data == null || !data.isObject()) {
      throw new MalformedPayloadException(BmwCarDataEnvelopes.WHAT + ": no telematicData object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Optional<BmwCarDataDescriptor> descriptor = BmwCarDataDescriptor.of(entry.getKey());
      JsonNode leaf = entry.getValue();
      if (descriptor.isEmpty() || !leaf.isObject()) {
        continue; // unmapped descriptors, charging.level included, are ignored
      }
      JsonNode value = leaf.get("value");
      if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
        continue; // descriptor without a current value
      }
      Optional<Instant> at = SourceJson.instant(leaf.get("timestamp"));
      if (at.isEmpty()) {
        sink.count(ParseCounters.BAD_TIMESTAMP);
        continue;
      }
      String unit = leaf.hasNonNull("unit") ? leaf.get("unit").asText() : null;
      // measured descriptors need their unit tag (sources.md §4.2)
      SourceJson.emit(sink, descriptor.get().column(), descriptor.get().quantity(), at.get(), value, unit, true);
    }
  }
}
