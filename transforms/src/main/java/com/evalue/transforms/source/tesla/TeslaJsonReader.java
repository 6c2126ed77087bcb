package com.evalue.transforms.source.tesla;

import com.evalue.transforms.model.Timestamps;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.NumberText;
import com.evalue.transforms.source.SourceJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.annotation.Nullable;

/**
 * Reads the protobuf-JSON form of the Tesla {@code Payload} ({@code transmit_decoded_records}, spec: sources.md
 * §2.5) into the same {@link TeslaRecord} as {@link TeslaProtoReader}. lowerCamelCase member names are expected; the
 * proto field names are accepted too, as protobuf-JSON parsers do.
 */
public final class TeslaJsonReader {
  private static final String WHAT = "tesla_json";

  private TeslaJsonReader() {}

  public static TeslaRecord read(byte[] bytes) throws MalformedPayloadException {
    JsonNode root = SourceJson.parse(bytes, WHAT);
    if (!root.isObject()) {
      throw new MalformedPayloadException(WHAT + ": expected a JSON object, got " + SourceJson.kindOf(root));
    }
    JsonNode vinNode = member(root, "vin", "vin");
    String vin = null;
    if (vinNode != null && !vinNode.isNull()) {
      if (!vinNode.isTextual()) {
        throw new MalformedPayloadException(WHAT + ": vin is " + SourceJson.kindOf(vinNode) + ", expected a string");
      }
      vin = vinNode.asText().isEmpty() ? null : vinNode.asText();
    }
    Instant createdAt = createdAt(member(root, "createdAt", "created_at"));
    boolean resend = resend(member(root, "isResend", "is_resend"));
    JsonNode dataNode = member(root, "data", "data");
    List<TeslaRecord.Datum> data = new ArrayList<>();
    if (dataNode != null && !dataNode.isNull()) {
      if (!dataNode.isArray()) {
        throw new MalformedPayloadException(WHAT + ": data is " + SourceJson.kindOf(dataNode) + ", expected an array");
      }
      int i = 0;
      for (JsonNode d : dataNode) {
        data.add(datum(d, i++));
      }
    }
    return new TeslaRecord(vin, createdAt, resend, data);
  }

  private static @Nullable Instant createdAt(@Nullable JsonNode node) throws MalformedPayloadException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new MalformedPayloadException(WHAT + ": createdAt is " + SourceJson.kindOf(node) + ", expected RFC 3339");
    }
    if (node.asText().isBlank()) {
      return null;
    }
    return Timestamps.tryParseIso(node.asText()).orElseThrow(() -> new MalformedPayloadException(
        WHAT + ": createdAt '" + node.asText() + "' is not RFC 3339"));
  }

  private static boolean resend(@Nullable JsonNode node) throws MalformedPayloadException {
    if (node == null || node.isNull()) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    throw new MalformedPayloadException(WHAT + ": isResend is " + SourceJson.kindOf(node) + ", expected a boolean");
  }

  private static TeslaRecord.Datum datum(JsonNode d, int index) throws MalformedPayloadException {
    if (!d.isObject()) {
      throw new MalformedPayloadException(
          WHAT + ": data[" + index + "] is " + SourceJson.kindOf(d) + ", expected an object");
    }
    JsonNode key = d.get("key");
    int field;
    String fieldName = "";
    if (key == null || key.isNull()) {
      field = 0;
    } else if (key.isIntegralNumber()) {
      field = key.intValue();
    } else if (key.isTextual()) {
      String k = key.asText().trim();
      if (k.matches("-?[0-9]{1,9}")) {
        field = Integer.parseInt(k);
      } else {
        Optional<TeslaField> known = TeslaField.ofName(k);
        field = known.map(TeslaField::number).orElse(-1);
        fieldName = known.isPresent() ? "" : k;
      }
    } else {
      throw new MalformedPayloadException(
          WHAT + ": data[" + index + "].key is " + SourceJson.kindOf(key) + ", expected a Field name or number");
    }
    JsonNode value = d.get("value");
    return new TeslaRecord.Datum(field, fieldName, value == null || value.isNull() ? new TeslaValue.None()
        : value(value, index));
  }

  /**
   * The {@code value} object. Members that are null, and {@code invalid: false}, are unpopulated defaults; the first
   * populated member we know is the value. A member we do not know is kept (for the content hash) only when there
   * is no known one.
   */
  private static TeslaValue value(JsonNode v, int index) throws MalformedPayloadException {
    if (!v.isObject()) {
      throw new MalformedPayloadException(
          WHAT + ": data[" + index + "].value is " + SourceJson.kindOf(v) + ", expected an object");
    }
    TeslaValue unknown = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      String member = m.getKey();
      JsonNode n = m.getValue();
      if (n.isNull()) {
        continue;
      }
      String where = "data[" + index + "].value." + member;
      TeslaValue known = switch (member) {
        case "stringValue", "string_value" -> new TeslaValue.Text(textOf(n, where));
        case "intValue", "int_value" -> integral(TeslaValue.INT, n, where);
        case "longValue", "long_value" -> integral(TeslaValue.LONG, n, where);
        case "floatValue", "float_value" -> floating(TeslaValue.FLOAT, n, where);
        case "doubleValue", "double_value" -> floating(TeslaValue.DOUBLE, n, where);
        case "booleanValue", "boolean_value" -> new TeslaValue.Bool(bool(n, where));
        case "invalid" -> new TeslaValue.Invalid(bool(n, where));
        case "locationValue", "location_value" -> location(n, where);
        default -> enumValue(member, n, where);
      };
      if (known == null) {
        unknown = new TeslaValue.Unknown(TeslaValue.UNKNOWN_JSON_CASE, member, SourceJson.compact(n));
      } else if (!known.equals(new TeslaValue.Invalid(false))) {
        return known;
      }
    }
    return unknown != null ? unknown : new TeslaValue.None();
  }

  /** An enum member (name or number), or null when {@code member} is not one of the enum cases. */
  private static @Nullable TeslaValue enumValue(String member, JsonNode n, String where)
      throws MalformedPayloadException {
    Optional<TeslaEnum> type = TeslaEnum.ofJsonMember(member);
    if (type.isEmpty()) {
      return null;
    }
    if (n.isIntegralNumber()) {
      return new TeslaValue.EnumName(type.get(), type.get().canonical(n.longValue()));
    }
    if (n.isTextual()) {
      return new TeslaValue.EnumName(type.get(), type.get().canonical(n.asText()));
    }
    throw new MalformedPayloadException(
        WHAT + ": " + where + " is " + SourceJson.kindOf(n) + ", expected an enum name or number");
  }

  private static String textOf(JsonNode n, String where) throws MalformedPayloadException {
    if (!n.isTextual()) {
      throw new MalformedPayloadException(WHAT + ": " + where + " is " + SourceJson.kindOf(n) + ", expected a string");
    }
    return n.asText();
  }

  private static boolean bool(JsonNode n, String where) throws MalformedPayloadException {
    if (!n.isBoolean()) {
      throw new MalformedPayloadException(WHAT + ": " + where + " is " + SourceJson.kindOf(n) + ", expected a boolean");
    }
    return n.booleanValue();
  }

  /** int32/int64 members: a JSON number or a JSON string of digits (protobuf-JSON writes int64 as a string). */
  private static TeslaValue integral(int valueCase, JsonNode n, String where) throws MalformedPayloadException {
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      long v = n.longValue();
      return new TeslaValue.Integral(valueCase, valueCase == TeslaValue.INT ? (int) v : v);
    }
    if (n.isNumber()) {
      // e.g. 12.0: protobuf-JSON accepts an integral value written with a fraction
      OptionalDouble d = NumberText.parse(n.asText());
      if (d.isPresent() && d.getAsDouble() == Math.rint(d.getAsDouble()) && Math.abs(d.getAsDouble()) < 0x1p63) {
        return new TeslaValue.Integral(valueCase, (long) d.getAsDouble());
      }
      return new TeslaValue.BadNumber(valueCase, n.asText());
    }
    if (n.isTextual()) {
      String t = n.asText().trim();
      if (t.matches("[+-]?[0-9]{1,19}")) {
        try {
          return new TeslaValue.Integral(valueCase, Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
        } catch (NumberFormatException overflow) {
          return new TeslaValue.BadNumber(valueCase, n.asText());
        }
      }
      return new TeslaValue.BadNumber(valueCase, n.asText());
    }
    throw new MalformedPayloadException(WHAT + ": " + where + " is " + SourceJson.kindOf(n) + ", expected a number");
  }

  /** float/double members: a JSON number, or the strings {@code NaN}, {@code Infinity}, {@code -Infinity}. */
  private static TeslaValue floating(int valueCase, JsonNode n, String where) throws MalformedPayloadException {
    String text;
    if (n.isNumber()) {
      text = n.asText();
    } else if (n.isTextual()) {
      text = n.asText().trim();
    } else {
      throw new MalformedPayloadException(WHAT + ": " + where + " is " + SourceJson.kindOf(n) + ", expected a number");
    }
    double special = switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> 0;
    };
    boolean isSpecial = text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity");
    if (!isSpecial && NumberText.parse(text).isEmpty()) {
      return new TeslaValue.BadNumber(valueCase, text);
    }
    if (valueCase == TeslaValue.FLOAT) {
      return new TeslaValue.Float32(isSpecial ? (float) special : Float.parseFloat(text));
    }
    return new TeslaValue.Float64(isSpecial ? special : Double.parseDouble(text));
  }

  private static TeslaValue location(JsonNode n, String where) throws MalformedPayloadException {
    if (!n.isObject()) {
      throw new MalformedPayloadException(WHAT + ": " + where + " is " + SourceJson.kindOf(n) + ", expected an object");
    }
    double lat = n.path("latitude").asDouble(0);
    double lon = n.path("longitude").asDouble(0);
    return new TeslaValue.Location(lat, lon);
  }

  private static @Nullable JsonNode member(JsonNode obj, String jsonName, String protoName) {
    JsonNode n = obj.get(jsonName);
    return n != null ? n : obj.get(protoName);
  }
}
