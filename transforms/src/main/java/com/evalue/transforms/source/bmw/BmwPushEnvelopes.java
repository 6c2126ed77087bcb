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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * One BMW push body → one envelope per element of {@code vehiclePushKeyValues} (spec: sources.md §4.1.3–§4.1.4).
 * Each element is stored as its compact UTF-8 JSON with source id {@code {sourceId}#{index}}; a bad element is
 * rejected alone.
 */
public final class BmwPushEnvelopes {
  static final String WHAT = PayloadFormat.BMW_PUSH_JSON.code();

  private BmwPushEnvelopes() {}

  public static List<Extracted> extract(byte[] message, Transport transport) {
    JsonNode root;
    try {
      root = SourceJson.parse(message, WHAT);
    } catch (MalformedPayloadException e) {
      return List.of(new Extracted.Rejected(message, e.getMessage(), null));
    }
    JsonNode elements = root.isObject() ? root.get("vehiclePushKeyValues") : null;
    if (elements == null || !elements.isArray()) {
      return List.of(new Extracted.Rejected(message,
          WHAT + ": body must be an object with a vehiclePushKeyValues array", null));
    }
    List<Extracted> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      out.add(element(elements.get(i), i, transport));
    }
    return out;
  }

  private static Extracted element(JsonNode element, int index, Transport transport) {
    byte[] payload = SourceJson.compactBytes(element);
    String where = WHAT + ": vehiclePushKeyValues[" + index + "]";
    if (!element.isObject()) {
      return new Extracted.Rejected(payload, where + " is " + SourceJson.kindOf(element) + ", expected an object",
          null);
    }
    String rawVin = SourceJson.text(element.get("vin")).orElse(null);
    JsonNode values = element.get("pushKeyValues");
    if (values == null || !values.isArray()) {
      return new Extracted.Rejected(payload, where + ": pushKeyValues is " + SourceJson.kindOf(values)
          + ", expected an array", EnvelopeRules.vinAsSeen(rawVin));
    }
    Optional<String> vinProblem = EnvelopeRules.vinProblem(rawVin, transport);
    if (vinProblem.isPresent()) {
      return new Extracted.Rejected(payload, where + ": " + vinProblem.get(), EnvelopeRules.vinAsSeen(rawVin));
    }
    Instant eventTime = Optional.ofNullable(eventTime(element)).orElse(transport.receivedAt());
    return EnvelopeRules.envelope(Make.BMW, PayloadFormat.BMW_PUSH_JSON, payload, rawVin, eventTime,
        transport.sourceId() + "#" + index, SourceJson.contentHash(element, Set.of(), false), transport);
  }

  /** spec: sources.md §4.1.4 — the greatest {@code date_of_value}, else {@code received_date}. */
  static @Nullable Instant eventTime(JsonNode element) {
    Instant best = null;
    JsonNode values = element.get("pushKeyValues");
    if (values != null && values.isArray()) {
      for (JsonNode kv : values) {
        best = EnvelopeRules.later(best, SourceJson.instant(kv.get("date_of_value")).orElse(null));
      }
    }
    return best != null ? best : SourceJson.instant(element.get("received_date")).orElse(null);
  }
}
