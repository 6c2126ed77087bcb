package com.evalue.simulate.emit;

import com.evalue.simulate.random.Rng;
import com.evalue.transforms.model.Timestamps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON message with a top-level {@code vin} (High Mobility, BMW push element, BMW CarData, Stellantis car state).
 * Timestamps are recognised by member name for the future-timestamp defect.
 */
public final class JsonRecord implements SourceRecord {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> TIME_MEMBERS =
      Set.of("timestamp", "datetime", "datetimeSending", "date_of_value", "received_date");

  private final ObjectNode json;
  private final String volatileIdMember;

  /**
   * @param volatileIdMember a member that a re-poll renews (High Mobility {@code request_id}), or null
   */
  public JsonRecord(ObjectNode json, String volatileIdMember) {
    this.json = json;
    this.volatileIdMember = volatileIdMember;
  }

  public ObjectNode json() {
    return json;
  }

  @Override
  public String vin() {
    return json.path("vin").asText();
  }

  @Override
  public byte[] encode() {
    try {
      return MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public JsonRecord withVin(String vin) {
    ObjectNode copy = json.deepCopy();
    copy.put("vin", vin);
    return new JsonRecord(copy, volatileIdMember);
  }

  @Override
  public JsonRecord shiftedBy(Duration shift) {
    ObjectNode copy = json.deepCopy();
    shift(copy, shift);
    return new JsonRecord(copy, volatileIdMember);
  }

  /** Half of the re-deliveries of a polled source come from a fresh poll, with a fresh request id. */
  @Override
  public SourceRecord redelivered(Rng rng) {
    if (volatileIdMember == null || rng.chance(0.5)) {
      return this;
    }
    ObjectNode copy = json.deepCopy();
    copy.put(volatileIdMember, rng.uuid());
    return new JsonRecord(copy, volatileIdMember);
  }

  private static void shift(JsonNode node, Duration shift) {
    if (node instanceof ObjectNode obj) {
      List<String> names = new ArrayList<>();
      obj.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = obj.get(name);
        if (TIME_MEMBERS.contains(name) && child.isTextual()) {
          String text = child.asText();
          Instant moved = Timestamps.parseIso(text).plus(shift);
          obj.put(name, text.contains(".") ? Formats.isoMillis(moved) : Formats.isoSeconds(moved));
        } else {
          shift(child, shift);
        }
      }
    } else if (node.isArray()) {
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        shift(it.next(), shift);
      }
    }
  }
}
