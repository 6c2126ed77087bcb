package com.evalue.transforms.source;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.highmobility.HmEnvelopes;
import com.evalue.transforms.source.stellantis.StellantisEnvelopes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The change-hash of polled sources (spec: sources.md §1.5): the content hash with all per-leaf timestamps also
 * removed, so that a poll that only re-reads the same values is not stored again. Applies to {@code hm_v13_json}
 * ({@code timestamp}), {@code stellantis_carstate_json} ({@code datetime}, with {@code datetimeSending} and
 * {@code _id}, case-insensitively) and {@code bmw_cardata_json} ({@code timestamp}).
 */
public final class ChangeHash {
  private ChangeHash() {}

  public static String of(Envelope envelope) {
    return of(envelope.payloadFormat(), envelope.payload());
  }

  /**
   * @throws IllegalArgumentException for a push or streamed format (change detection is for polled sources only), or
   *     a payload that is not a JSON object
   */
  public static String of(PayloadFormat format, byte[] payload) {
    Set<String> volatileTopLevel;
    Set<String> leafTimestamps;
    boolean ignoreCase;
    switch (format) {
      case HM_V13_JSON -> {
        volatileTopLevel = HmEnvelopes.VOLATILE_MEMBERS;
        leafTimestamps = Set.of("timestamp");
        ignoreCase = false;
      }
      case STELLANTIS_CARSTATE_JSON -> {
        volatileTopLevel = StellantisEnvelopes.VOLATILE_MEMBERS;
        leafTimestamps = Set.of("datetime", "datetimeSending", "_id");
        ignoreCase = true;
      }
      case BMW_CARDATA_JSON -> {
        volatileTopLevel = Set.of();
        leafTimestamps = Set.of("timestamp");
        ignoreCase = false;
      }
      default -> throw new IllegalArgumentException(
          "change detection applies to polled sources only, not " + format.code());
    }
    JsonNode root;
    try {
      root = SourceJson.parse(payload, format.code());
    } catch (MalformedPayloadException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    if (!(root instanceof ObjectNode)) {
      throw new IllegalArgumentException(format.code() + ": expected a JSON object");
    }
    JsonNode stripped = SourceJson.withoutMembersAnywhere(root, leafTimestamps, ignoreCase);
    return SourceJson.contentHash(stripped, volatileTopLevel, ignoreCase);
  }
}
