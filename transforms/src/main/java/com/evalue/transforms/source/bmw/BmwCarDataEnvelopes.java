package com.evalue.transforms.source.bmw;

import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.EnvelopeRules;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.SourceJson;
import com.evalue.transforms.source.Transport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * One BMW CarData poll result {@code {"vin":…,"telematicData":{…}}} → one envelope (spec: sources.md §4.2.4). The
 * poller adds the VIN to the REST body; the message is stored as received.
 */
public final class BmwCarDataEnvelopes {
  static final String WHAT = PayloadFormat.BMW_CARDATA_JSON.code();

  private BmwCarDataEnvelopes() {}

  public static List<Extracted> extract(byte[] message, Transport transport) {
    JsonNode root;
    try {
      root = SourceJson.parse(message, WHAT);
    } catch (MalformedPayloadException e) {
      return List.of(new Extracted.Rejected(message, e.getMessage(), transport.key().orElse(null)));
    }
    if (!root.isObject()) {
      return List.of(new Extracted.Rejected(message,
          WHAT + ": expected a JSON object, got " + SourceJson.kindOf(root), transport.key().orElse(null)));
    }
    String rawVin = SourceJson.text(root.get("vin")).orElse(null);
    JsonNode data = root.get("telematicData");
    if (data == null || !data.isObject()) {
      return List.of(new Extracted.Rejected(message,
          WHAT + ": telematicData is " + SourceJson.kindOf(data) + ", expected an object",
          EnvelopeRules.vinAsSeen(rawVin)));
    }
    Instant eventTime = Optional.ofNullable(greatestTimestamp(data)).orElse(transport.receivedAt());
    return List.of(EnvelopeRules.envelope(Make.BMW, PayloadFormat.BMW_CARDATA_JSON, message, rawVin, eventTime,
        transport.sourceId(), SourceJson.contentHash(root, Set.of(), false), transport));
  }

  /** spec: sources.md §4.2.4 — the greatest descriptor {@code timestamp}. */
  static @Nullable Instant greatestTimestamp(JsonNode telematicData) {
    Instant best = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = telematicData.fields(); it.hasNext(); ) {
      JsonNode leaf = it.next().getValue();
      if (leaf.isObject()) {
        best = EnvelopeRules.later(best, SourceJson.instant(leaf.get("timestamp")).orElse(null));
      }
    }
    return best;
  }
}
