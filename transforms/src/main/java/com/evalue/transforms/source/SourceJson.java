package com.evalue.transforms.source;

import com.evalue.transforms.model.ContentHash;
import com.evalue.transforms.model.Timestamps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The JSON conventions shared by the JSON sources: a single document per message (trailing content is malformed),
 * Jackson's default number model (a JSON number is the nearest double, as anywhere else in the code base), case-
 * insensitive member lookup where a source needs it, and content hashes over canonical JSON (spec: sources.md §1.1,
 * §1.4, §5.5).
 */
public final class SourceJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SourceJson() {}

  /** Parses one JSON document; {@code what} names the format in the one-line failure reason. */
  public static JsonNode parse(byte[] bytes, String what) throws MalformedPayloadException {
    if (bytes == null || bytes.length == 0) {
      throw new MalformedPayloadException(what + ": empty message");
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new MalformedPayloadException(what + ": empty message");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedPayloadException(what + ": malformed JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()));
    } catch (IOException e) {
      throw new MalformedPayloadException(what + ": unreadable JSON: " + e.getMessage());
    }
  }

  /** Compact UTF-8 JSON of a node: the stored payload of an element that arrived inside an array (§1.1). */
  public static byte[] compactBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }

  public static String compact(JsonNode node) {
    return new String(compactBytes(node), StandardCharsets.UTF_8);
  }

  /** SHA-256 of the canonical JSON (sorted keys) of {@code node} after removing top-level {@code volatileMembers}. */
  public static String contentHash(JsonNode node, Set<String> volatileMembers, boolean ignoreCase) {
    JsonNode copy = node.deepCopy();
    if (copy instanceof ObjectNode obj) {
      removeMembers(obj, volatileMembers, ignoreCase);
    }
    return ContentHash.sha256Hex(ContentHash.canonicalJson(copy, Set.of()));
  }

  /** Removes, at every depth, the members whose name is in {@code names}. */
  public static JsonNode withoutMembersAnywhere(JsonNode node, Set<String> names, boolean ignoreCase) {
    JsonNode copy = node.deepCopy();
    stripAnywhere(copy, names, ignoreCase);
    return copy;
  }

  private static void stripAnywhere(JsonNode node, Set<String> names, boolean ignoreCase) {
    if (node instanceof ObjectNode obj) {
      removeMembers(obj, names, ignoreCase);
      obj.elements().forEachRemaining(child -> stripAnywhere(child, names, ignoreCase));
    } else if (node instanceof ArrayNode arr) {
      arr.forEach(child -> stripAnywhere(child, names, ignoreCase));
    }
  }

  private static void removeMembers(ObjectNode obj, Set<String> names, boolean ignoreCase) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      String field = it.next().getKey();
      boolean hit = ignoreCase
          ? names.stream().anyMatch(n -> n.equalsIgnoreCase(field))
          : names.contains(field);
      if (hit) {
        it.remove();
      }
    }
  }

  /** The member {@code name} of an object, exact name first, else the first case-insensitive match (§5.5). */
  public static @Nullable JsonNode memberIgnoreCase(JsonNode obj, String name) {
    if (obj == null || !obj.isObject()) {
      return null;
    }
    JsonNode exact = obj.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      if (m.getKey().equalsIgnoreCase(name)) {
        return m.getValue();
      }
    }
    return null;
  }

  /** A textual member, trimmed; absent, null, non-text and blank values give empty. */
  public static Optional<String> text(@Nullable JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(node.asText().trim());
  }

  /** An ISO-8601 member as an instant (offset converted to UTC, none means UTC); unparseable gives empty. */
  public static Optional<Instant> instant(@Nullable JsonNode node) {
    return text(node).flatMap(Timestamps::tryParseIso);
  }

  /**
   * A number given as a JSON number or as numeric text (trimmed, {@code .} decimal, scientific accepted); empty for
   * anything else and for non-finite values (sources.md §2.4.1).
   */
  public static OptionalDouble number(@Nullable JsonNode node) {
    if (node == null) {
      return OptionalDouble.empty();
    }
    if (node.isNumber()) {
      double v = node.doubleValue();
      return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }
    if (node.isTextual()) {
      return NumberText.parse(node.asText());
    }
    return OptionalDouble.empty();
  }

  /**
   * Emits one JSON value of a mapped signal: text for a STRING column (blank text is skipped), otherwise a number
   * (unparseable → {@code parse.bad_number}), converted from its unit tag when the signal has a quantity (see
   * {@link SignalSink#measured}).
   */
  public static void emit(SignalSink sink, SignalColumn column, Optional<Quantity> quantity, Instant at,
      JsonNode value, @Nullable String unit, boolean unitRequired) {
    if (column.type() == ColumnType.STRING) {
      if (value.isValueNode() && !value.asText().isBlank()) {
        sink.text(column.name(), at, value.asText().trim());
      }
      return;
    }
    OptionalDouble v = number(value);
    if (v.isEmpty()) {
      sink.count(ParseCounters.BAD_NUMBER);
    } else if (quantity.isPresent()) {
      sink.measured(column.name(), at, v.getAsDouble(), quantity.get(), unit, unitRequired);
    } else {
      sink.number(column.name(), at, v.getAsDouble());
    }
  }

  /** A short, one-line description of a JSON node's kind, for rejection reasons. */
  public static String kindOf(@Nullable JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
