package com.evalue.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Make;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output layout of a small run with defects on (8 vehicles = one per make, 3 days). */
class PayloadLayoutTest {
  private static final Set<String> TESLA_VALUE_MEMBERS = Set.of("stringValue", "intValue", "longValue",
      "floatValue", "doubleValue", "booleanValue", "invalid", "detailedChargeStateValue", "carTypeValue",
      "bmsStateValue", "chargePortValue", "fastChargerValue", "cableTypeValue");

  @TempDir static Path out;
  static SimulationSummary summary;
  static Outputs outputs;

  @BeforeAll
  static void run() throws Exception {
    summary = new FleetSimulator(new SimulationConfig(8, 3, 99L, LocalDate.of(2025, 6, 9), true, out)).run();
    outputs = new Outputs(out);
  }

  @Test
  void everyMakeHasPayloadsAndNoFileIsEmpty() throws Exception {
    for (Make make : Make.values()) {
      Path dir = out.resolve("payloads").resolve(make.code());
      assertTrue(Files.isDirectory(dir), make.code());
      assertFalse(outputs.payloadFiles(make.code(), "").isEmpty(), make.code());
    }
    for (Path p : outputs.payloadFiles()) {
      assertTrue(Files.size(p) > 0, p + " is empty");
    }
    Set<String> names = new TreeSet<>();
    outputs.payloadFiles().forEach(p -> names.add(out.relativize(p).toString()));
    for (String day : List.of("2025-06-09", "2025-06-10", "2025-06-11")) {
      assertTrue(names.contains("payloads/tesla/" + day + ".pb"), names.toString());
      assertTrue(names.contains("payloads/bmw/push-" + day + ".ndjson"));
      assertTrue(names.contains("payloads/bmw/cardata-" + day + ".ndjson"));
      assertTrue(names.contains("payloads/stellantis/" + day + ".json"));
      for (String hm : List.of("mercedes-benz", "renault", "volvo-cars", "ford", "kia")) {
        assertTrue(names.contains("payloads/" + hm + "/" + day + ".ndjson"), hm + " " + day);
      }
    }
    assertEquals(8, summary.recordsByMakeAndFormat().size());
  }

  @Test
  void fleetAndTruthFiles() {
    List<String> fleet = Outputs.lines(out.resolve("fleet.csv"));
    assertEquals("vin,make,model,net_capacity_kwh,range_km,fleet,region,start_date", fleet.get(0));
    assertEquals(9, fleet.size());
    Set<String> makes = new TreeSet<>();
    outputs.fleet().values().forEach(v -> makes.add(v.make()));
    assertEquals(8, makes.size());
    List<String> truth = Outputs.lines(out.resolve("truth.csv"));
    assertEquals("vin,make,week,true_soh,odometer_km", truth.get(0));
    assertEquals(8, truth.size() - 1, "one ISO week (2025-06-09) per vehicle");
    assertTrue(truth.get(1).matches("[A-HJ-NPR-Z0-9]{17},tesla,2025-06-09,0\\.\\d{5},\\d+\\.\\d"), truth.get(1));
  }

  @Test
  void teslaJsonAndProtobufFormsCarryTheSpecMembers() throws Exception {
    SimulationSummary two = new FleetSimulator(
        new SimulationConfig(10, 2, 99L, LocalDate.of(2025, 6, 9), true, out.resolve("ten"))).run();
    Outputs ten = new Outputs(out.resolve("ten"));
    assertTrue(two.recordsByMakeAndFormat().get("tesla").containsKey("tesla_proto"));
    assertTrue(two.recordsByMakeAndFormat().get("tesla").containsKey("tesla_json"));
    int checked = 0;
    for (Path p : ten.payloadFiles("tesla", ".ndjson")) {
      for (String line : Outputs.lines(p)) {
        JsonNode o;
        try {
          o = Outputs.MAPPER.readTree(line);
        } catch (Exception malformed) {
          continue;
        }
        Set<String> members = new TreeSet<>();
        o.fieldNames().forEachRemaining(members::add);
        assertEquals(Set.of("createdAt", "data", "isResend", "vin"), members, line);
        assertTrue(o.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        for (JsonNode d : o.get("data")) {
          assertTrue(d.get("key").isTextual());
          assertEquals(1, d.get("value").size(), line);
          assertTrue(TESLA_VALUE_MEMBERS.contains(d.get("value").fieldNames().next()), line);
        }
        checked++;
      }
    }
    assertTrue(checked > 100, "checked " + checked);
    int[] broken = {0};
    List<Outputs.TeslaMessage> messages = ten.tesla(broken);
    Map<String, Integer> typedFields = new HashMap<>();
    for (Outputs.TeslaMessage m : messages) {
      assertTrue(m.createdAt().isAfter(java.time.Instant.parse("2025-06-08T00:00:00Z")));
      m.values().forEach((k, v) -> {
        if (v instanceof Double || v instanceof Float || v instanceof Integer) {
          typedFields.merge(k, 1, Integer::sum);
        }
      });
    }
    assertTrue(messages.size() > 500);
    assertTrue(typedFields.containsKey("Soc"), "some vehicles prefer typed values");
  }

  @Test
  void highMobilityResponsesHaveTheV13Shape() {
    int[] broken = {0};
    for (String make : List.of("mercedes-benz", "renault", "volvo-cars", "ford", "kia")) {
      List<JsonNode> lines = outputs.jsonLines(make, ".ndjson", broken);
      assertFalse(lines.isEmpty());
      for (JsonNode r : lines) {
        if (r.path("vin").asText().length() != 17) {
          continue; // a deliberate invalid VIN
        }
        assertTrue(Make.fromBrand(r.get("brand").asText()).map(m -> m.code().equals(make)).orElse(false));
        assertTrue(r.get("request_id").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        JsonNode level = r.path("charging").path("battery_level");
        if (level.has("data")) {
          double soc = level.get("data").asDouble();
          assertTrue(soc >= 0 && soc <= 1, "percentages are 0–1: " + soc);
        }
        JsonNode odometer = r.get("diagnostics").get("odometer");
        assertTrue(odometer.get("data").has("unit") && odometer.get("data").has("value"));
        assertTrue(odometer.get("timestamp").asText().endsWith(".000Z"));
      }
    }
  }

  @Test
  void bmwPushBodiesAndCarDataLines() {
    int[] broken = {0};
    int elements = 0;
    for (JsonNode body : outputs.jsonLines("bmw", ".ndjson", broken)) {
      if (body.has("telematicData")) {
        assertTrue(body.get("telematicData").has("vehicle.drivetrain.batteryManagement.header"));
        body.get("telematicData").forEach(d -> assertTrue(d.get("value").isTextual()));
        continue;
      }
      for (JsonNode e : body.get("vehiclePushKeyValues")) {
        elements++;
        assertTrue(e.has("vin") && e.has("received_date"));
        for (JsonNode kv : e.get("pushKeyValues")) {
          assertTrue(kv.get("value").isTextual(), "push values are strings");
          assertTrue(kv.get("date_of_value").asText().endsWith("Z"));
        }
      }
    }
    assertTrue(elements > 0);
    for (Path p : outputs.payloadFiles("bmw", ".ndjson")) {
      if (p.getFileName().toString().startsWith("cardata-")) {
        Map<String, Integer> perVin = new HashMap<>();
        for (String line : Outputs.lines(p)) {
          perVin.merge(line.substring(8, 25), 1, Integer::sum);
        }
        perVin.values().forEach(n -> assertTrue(n <= 48, "at most 48 CarData polls per vehicle-day"));
      }
    }
  }

  @Test
  void stellantisExportUsesTheProviderLayout() throws Exception {
    for (Path p : outputs.payloadFiles("stellantis", ".json")) {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      assertTrue(text.startsWith("[\n{"));
      assertTrue(text.endsWith("}\n]\n"));
      String[] lines = text.split("\n");
      for (int i = 1; i < lines.length - 1; i++) {
        assertTrue(i % 2 == 1 ? lines[i].startsWith("{") : lines[i].equals(","), p + ":" + i);
      }
      JsonNode array = Outputs.MAPPER.readTree(text);
      assertEquals((lines.length - 1) / 2, array.size());
      for (JsonNode s : array) {
        assertTrue(s.has("_id") && s.has("datetime") && s.has("datetimeSending") && s.has("electricity"));
        assertTrue(s.has("externalTemperature") || s.has("externaltemperature"));
      }
    }
  }
}
