package com.evalue.transforms.source.highmobility;

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
 * One High Mobility Auto API v13 response → one envelope (spec: sources.md §3.2). The payload is the response bytes
 * as received.
 */
public final class HmEnvelopes {
  static final String WHAT = PayloadFormat.HM_V13_JSON.code();
  /** spec: sources.md §3.2 — volatile members removed from the content hash. */
  public static final Set<String> VOLATILE_MEMBERS = Set.of("request_id");

  private HmEnvelopes() {}

  public static List<Extracted> extract(Make make, byte[] message, Transport transport) {
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
    Optional<String> brand = SourceJson.text(root.get("brand"));
    if (brand.isEmpty()) {
      return List.of(new Extracted.Rejected(message, WHAT + ": missing brand", EnvelopeRules.vinAsSeen(rawVin)));
    }
    // spec: sources.md §3.1.5 — brand aliases resolve to a make code, which must be the make we poll for
    Optional<Make> brandMake = Make.fromBrand(brand.get());
    if (brandMake.isEmpty() || brandMake.get() != make) {
      return List.of(new Extracted.Rejected(message,
          WHAT + ": brand '" + brand.get() + "' does not belong to make " + make.code(),
          EnvelopeRules.vinAsSeen(rawVin)));
    }
    Instant eventTime = Optional.ofNullable(greatestTimestamp(root)).orElse(transport.receivedAt());
    String hash = SourceJson.contentHash(root, VOLATILE_MEMBERS, false);
    return List.of(EnvelopeRules.envelope(
        make, PayloadFormat.HM_V13_JSON, message, rawVin, eventTime, transport.sourceId(), hash, transport));
  }

  /** spec: sources.md §3.2 — the greatest property {@code timestamp}, at any depth. */
  static @Nullable Instant greatestTimestamp(JsonNode node) {
    Instant best = null;
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> m = it.next();
        if (m.getKey().equals("timestamp")) {
          best = EnvelopeRules.later(best, SourceJson.instant(m.getValue()).orElse(null));
        } else {
          best = EnvelopeRules.later(best, greatestTimestamp(m.getValue()));
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        best = EnvelopeRules.later(best, greatestTimestamp(child));
      }
    }
    return best;
  }
}
