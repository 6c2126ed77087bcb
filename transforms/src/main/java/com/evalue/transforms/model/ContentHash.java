package com.evalue.transforms.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SHA-256 content hashes over canonical forms (spec: sources.md §1.4). */
public final class ContentHash {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ContentHash() {}

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /**
   * Canonical JSON: object keys sorted recursively, with the given top-level members removed (the volatile
   * members of a source, e.g. {@code request_id}).
   */
  public static String canonicalJson(JsonNode node, Set<String> volatileTopLevelMembers) {
    JsonNode copy = sorted(node);
    if (copy instanceof ObjectNode obj) {
      volatileTopLevelMembers.forEach(obj::remove);
    }
    try {
      return CANONICAL.writeValueAsString(copy);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String ofJson(JsonNode node, Set<String> volatileTopLevelMembers) {
    return sha256Hex(canonicalJson(node, volatileTopLevelMembers));
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(String::compareTo);
      for (String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        out.add(sorted(it.next()));
      }
      return out;
    }
    return node;
  }

  /** Removes every member named {@code name} at any depth (used for per-leaf timestamps in change hashes). */
  public static JsonNode withoutMembersNamed(JsonNode node, Set<String> names) {
    JsonNode copy = node.deepCopy();
    strip(copy, names);
    return copy;
  }

  private static void strip(JsonNode node, Set<String> names) {
    if (node instanceof ObjectNode obj) {
      obj.remove(names);
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        strip(it.next().getValue(), names);
      }
    } else if (node instanceof ArrayNode arr) {
      arr.forEach(child -> strip(child, names));
    }
  }
}
