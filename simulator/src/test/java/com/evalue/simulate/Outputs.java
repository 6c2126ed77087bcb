package com.evalue.simulate;

import com.evalue.simulate.tesla.TeslaField;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads a simulator output directory back, independently of the writer code, for the tests. */
final class Outputs {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Object INVALID = new Object() {
    @Override
    public String toString() {
      return "invalid";
    }
  };

  /** A decoded Tesla payload: values by field JSON name (String, Integer, Float, Double, Boolean or INVALID). */
  record TeslaMessage(String vin, Instant createdAt, boolean isResend, Map<String, Object> values) {
    Double number(String key) {
      Object v = values.get(key);
      if (v == null || v == INVALID) {
        return null;
      }
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      return Double.parseDouble(v.toString());
    }
  }

  record Vehicle(String vin, String make, String model, double netKwh, int rangeKm) {}

  final Path dir;

  Outputs(Path dir) {
    this.dir = dir;
  }

  Map<String, Vehicle> fleet() {
    Map<String, Vehicle> out = new LinkedHashMap<>();
    for (String line : lines(dir.resolve("fleet.csv")).subList(1, lines(dir.resolve("fleet.csv")).size())) {
      String[] c = line.split(",");
      out.put(c[0], new Vehicle(c[0], c[1], c[2], Double.parseDouble(c[3]), Integer.parseInt(c[4])));
    }
    return out;
  }

  /** vin → week Monday → true SoH. */
  Map<String, TreeMap<LocalDate, Double>> truth() {
    Map<String, TreeMap<LocalDate, Double>> out = new LinkedHashMap<>();
    List<String> lines = lines(dir.resolve("truth.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      out.computeIfAbsent(c[0], k -> new TreeMap<>()).put(LocalDate.parse(c[2]), Double.parseDouble(c[3]));
    }
    return out;
  }

  double trueSoh(String vin, Instant t) {
    LocalDate monday = LocalDate.ofInstant(t, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return truth().get(vin).get(monday);
  }

  JsonNode summary() {
    try {
      return MAPPER.readTree(dir.resolve("summary.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Path> payloadFiles() {
    try (Stream<Path> s = Files.walk(dir.resolve("payloads"))) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Path> payloadFiles(String make, String suffix) {
    return payloadFiles().stream()
        .filter(p -> p.getParent().getFileName().toString().equals(make) && p.getFileName().toString().endsWith(suffix))
        .toList();
  }

  /** Every Tesla message of both forms that decodes; malformed ones are counted in {@code broken}. */
  List<TeslaMessage> tesla(int[] broken) {
    Map<Integer, String> names = new HashMap<>();
    for (TeslaField f : TeslaField.values()) {
      names.put(f.number(), f.jsonName());
    }
    List<TeslaMessage> out = new ArrayList<>();
    for (Path p : payloadFiles("tesla", ".pb")) {
      for (byte[] rec : ProtoReader.delimited(bytes(p))) {
        try {
          out.add(decodeProto(rec, names));
        } catch (IllegalArgumentException e) {
          broken[0]++;
        }
      }
    }
    for (Path p : payloadFiles("tesla", ".ndjson")) {
      for (String line : lines(p)) {
        try {
          out.add(decodeJson(MAPPER.readTree(line)));
        } catch (IOException e) {
          broken[0]++;
        }
      }
    }
    return out;
  }

  static TeslaMessage decodeProto(byte[] rec, Map<Integer, String> names) {
    Map<String, Object> values = new LinkedHashMap<>();
    Instant created = null;
    String vin = null;
    boolean resend = false;
    for (ProtoReader.Field f : ProtoReader.parse(rec)) {
      switch (f.number()) {
        case 1 -> {
          List<ProtoReader.Field> datum = ProtoReader.parse(f.bytes());
          String key = names.get((int) datum.get(0).varint());
          ProtoReader.Field v = ProtoReader.parse(datum.get(1).bytes()).get(0);
          Object value = switch (v.number()) {
            case 1 -> v.string();
            case 2 -> (int) v.varint();
            case 4 -> v.asFloat();
            case 5 -> v.asDouble();
            case 6 -> v.varint() != 0;
            case 10 -> INVALID;
            default -> "enum:" + v.number() + ":" + v.varint();
          };
          values.put(key, value);
        }
        case 2 -> {
          long seconds = 0;
          long nanos = 0;
          for (ProtoReader.Field t : ProtoReader.parse(f.bytes())) {
            if (t.number() == 1) {
              seconds = t.varint();
            } else if (t.number() == 2) {
              nanos = t.varint();
            }
          }
          created = Instant.ofEpochSecond(seconds, nanos);
        }
        case 3 -> vin = f.string();
        case 4 -> resend = f.varint() != 0;
        default -> { }
      }
    }
    return new TeslaMessage(vin, created, resend, values);
  }

  static TeslaMessage decodeJson(JsonNode o) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (JsonNode d : o.get("data")) {
      Map.Entry<String, JsonNode> v = d.get("value").fields().next();
      Object value = switch (v.getKey()) {
        case "stringValue" -> v.getValue().asText();
        case "intValue" -> v.getValue().asInt();
        case "floatValue" -> (float) v.getValue().asDouble();
        case "doubleValue" -> v.getValue().asDouble();
        case "booleanValue" -> v.getValue().asBoolean();
        case "invalid" -> INVALID;
        default -> v.getValue().asText();
      };
      values.put(d.get("key").asText(), value);
    }
    return new TeslaMessage(o.get("vin").asText(), Instant.parse(o.get("createdAt").asText()),
        o.get("isResend").asBoolean(), values);
  }

  /** Every JSON line of the ndjson files of {@code make} that parses. */
  List<JsonNode> jsonLines(String make, String suffix, int[] broken) {
    List<JsonNode> out = new ArrayList<>();
    for (Path p : payloadFiles(make, suffix)) {
      for (String line : lines(p)) {
        try {
          out.add(MAPPER.readTree(line));
        } catch (IOException e) {
          broken[0]++;
        }
      }
    }
    return out;
  }

  List<JsonNode> stellantisStates() {
    List<JsonNode> out = new ArrayList<>();
    for (Path p : payloadFiles("stellantis", ".json")) {
      try {
        MAPPER.readTree(p.toFile()).forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
