package com.evalue.transforms.source.stellantis;

import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.model.Vin;
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

/**
 * Mobilisights car states → envelopes (spec: sources.md §5). A message is one car-state object, stored as received,
 * or a JSON array of them, each stored as its compact JSON with source id {@code {sourceId}#{index}}. Member names
 * are matched case-insensitively.
 */
public final class StellantisEnvelopes {
  static final String WHAT = PayloadFormat.STELLANTIS_CARSTATE_JSON.code();
  /** spec: sources.md §5.5 — volatile members removed from the content hash (matched case-insensitively). */
  public static final Set<String> VOLATILE_MEMBERS = Set.of("_id", "datetimeSending");
  /** spec: sources.md §5.4. */
  public static final String X_VIN_REASON = "stellantis VIN with 8th character X (no SoH telematics)";

  private StellantisEnvelopes() {}

  public static List<Extracted> extract(byte[] message, Transport transport) {
    JsonNode root;
    try {
      root = SourceJson.parse(message, WHAT);
    } catch (MalformedPayloadException e) {
      return List.of(new Extracted.Rejected(message, e.getMessage(), null));
    }
    if (root.isObject()) {
      return List.of(carState(root, message, transport.sourceId(), WHAT, transport));
    }
    if (!root.isArray()) {
      return List.of(new Extracted.Rejected(message,
          WHAT + ": expected a car-state object or an array of them, got " + SourceJson.kindOf(root), null));
    }
    List<Extracted> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode element = root.get(i);
      out.add(carState(element, SourceJson.compactBytes(element), transport.sourceId() + "#" + i,
          WHAT + ": [" + i + "]", transport));
    }
    return out;
  }

  private static Extracted carState(JsonNode state, byte[] payload, String sourceId, String where,
      Transport transport) {
    if (!state.isObject()) {
      return new Extracted.Rejected(payload, where + " is " + SourceJson.kindOf(state) + ", expected an object",
          null);
    }
    String rawVin = SourceJson.text(SourceJson.memberIgnoreCase(state, "vin")).orElse(null);
    if (rawVin == null && SourceJson.memberIgnoreCase(state, "message") != null) {
      // spec: sources.md §5.2 — error bodies are {name, message} elements
      return new Extracted.Rejected(payload, where + ": provider error "
          + SourceJson.text(SourceJson.memberIgnoreCase(state, "name")).orElse("?") + ": "
          + SourceJson.text(SourceJson.memberIgnoreCase(state, "message")).orElse("?"), null);
    }
    Optional<String> vinProblem = EnvelopeRules.vinProblem(rawVin, transport);
    if (vinProblem.isPresent()) {
      return new Extracted.Rejected(payload, where + ": " + vinProblem.get(), EnvelopeRules.vinAsSeen(rawVin));
    }
    String vin = Vin.normalize(rawVin).orElseThrow();
    if (vin.charAt(7) == 'X') {
      return new Extracted.Rejected(payload, X_VIN_REASON, vin);
    }
    Instant eventTime = eventTime(state).orElse(transport.receivedAt());
    return EnvelopeRules.envelope(Make.STELLANTIS, PayloadFormat.STELLANTIS_CARSTATE_JSON, payload, rawVin,
        eventTime, sourceId, SourceJson.contentHash(state, VOLATILE_MEMBERS, true), transport);
  }

  /** spec: sources.md §5.5 — the top-level {@code datetime} is the state time. */
  static Optional<Instant> eventTime(JsonNode state) {
    return SourceJson.instant(SourceJson.memberIgnoreCase(state, "datetime"));
  }
}
