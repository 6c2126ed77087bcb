package com.evalue.transforms.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * The NDJSON line form of an envelope in the temp buffer (spec: storage.md §2.3): members {@code vin, make,
 * event_time, received_at, payload_format, payload_b64, source_id, content_hash}.
 */
public final class EnvelopeJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EnvelopeJson() {}

  public static String toLine(Envelope e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("vin", e.vin());
    n.put("make", e.make().code());
    n.put("event_time", Timestamps.formatMicros(e.eventTime()));
    n.put("received_at", Timestamps.formatMicros(e.receivedAt()));
    n.put("payload_format", e.payloadFormat().code());
    n.put("payload_b64", Base64.getEncoder().encodeToString(e.payload()));
    n.put("source_id", e.sourceId());
    n.put("content_hash", e.contentHash());
    return n.toString();
  }

  /**
   * Parses one temp-buffer line.
   *
   * @throws IllegalArgumentException with a one-line reason when the line is not a valid envelope
   */
  public static Envelope fromLine(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed envelope line: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("malformed envelope line: not a JSON object");
    }
    String vin = Vin.normalize(text(n, "vin")).orElseThrow(() -> new IllegalArgumentException(
        "envelope " + Vin.whyInvalid(n.path("vin").asText(null))));
    Make make = Make.fromCode(text(n, "make"))
        .orElseThrow(() -> new IllegalArgumentException("envelope has unknown make '" + text(n, "make") + "'"));
    PayloadFormat format = PayloadFormat.fromCode(text(n, "payload_format"))
        .orElseThrow(() -> new IllegalArgumentException(
            "envelope has unknown payload_format '" + text(n, "payload_format") + "'"));
    String hash = text(n, "content_hash");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("envelope content_hash is not 64 lower-case hex characters");
    }
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(text(n, "payload_b64"));
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("envelope payload_b64 is not base64: " + ex.getMessage());
    }
    return new Envelope(
        vin,
        make,
        Timestamps.tryParseIso(text(n, "event_time"))
            .orElseThrow(() -> new IllegalArgumentException("envelope event_time is not ISO-8601")),
        Timestamps.tryParseIso(text(n, "received_at"))
            .orElseThrow(() -> new IllegalArgumentException("envelope received_at is not ISO-8601")),
        format,
        payload,
        text(n, "source_id"),
        hash);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull() || !v.isTextual()) {
      throw new IllegalArgumentException("envelope member '" + field + "' is missing or not a string");
    }
    return v.asText();
  }
}
