package com.evalue.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Vin;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects off: nothing malformed, duplicated, late or invalid anywhere. */
class CleanRunTest {
  @TempDir static Path out;
  static SimulationSummary summary;
  static Outputs outputs;

  @BeforeAll
  static void run() throws Exception {
    summary = new FleetSimulator(new SimulationConfig(12, 7, 77L, LocalDate.of(2025, 9, 1), false, out)).run();
    outputs = new Outputs(out);
  }

  @Test
  void summaryHasNoDefects() {
    assertEquals(0, summary.duplicatesInjected());
    assertEquals(0, summary.malformedTotal());
    assertEquals(0, summary.lateRecords());
    assertTrue(summary.malformedByKind().isEmpty());
    assertEquals(0, outputs.summary().get("malformed_total").asLong());
    assertTrue(summary.totalRecords() > 1000);
  }

  @Test
  void everyRecordDecodesWithAValidVinAndNoInvalidValue() {
    int[] broken = {0};
    List<Outputs.TeslaMessage> tesla = outputs.tesla(broken);
    assertEquals(0, broken[0]);
    assertEquals(summary.recordsByMakeAndFormat().get("tesla").values().stream().mapToLong(Long::longValue).sum(),
        tesla.size());
    for (Outputs.TeslaMessage m : tesla) {
      assertTrue(Vin.isValid(m.vin()));
      assertFalse(m.isResend());
      assertFalse(m.values().containsValue(Outputs.INVALID));
      assertEquals(19, m.values().size(), "defects off: full state in every payload");
    }
    for (String make : List.of("bmw", "mercedes-benz", "renault", "volvo-cars", "ford", "kia")) {
      for (JsonNode n : outputs.jsonLines(make, ".ndjson", broken)) {
        if (n.has("vehiclePushKeyValues")) {
          n.get("vehiclePushKeyValues").forEach(e -> assertTrue(Vin.isValid(e.get("vin").asText())));
        } else {
          assertTrue(Vin.isValid(n.get("vin").asText()));
          assertFalse(n.toString().contains("rate_limit"));
        }
      }
    }
    assertEquals(0, broken[0]);
    for (JsonNode s : outputs.stellantisStates()) {
      String vin = s.get("vin").asText();
      assertTrue(Vin.isValid(vin));
      assertTrue(vin.charAt(7) != 'X', vin);
    }
  }

  @Test
  void eventsAreDeliveredOnTheirOwnDay() {
    int[] broken = {0};
    for (Path p : outputs.payloadFiles("tesla", ".ndjson")) {
      LocalDate day = LocalDate.parse(p.getFileName().toString().substring(0, 10));
      for (String line : Outputs.lines(p)) {
        Outputs.TeslaMessage m;
        try {
          m = Outputs.decodeJson(Outputs.MAPPER.readTree(line));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        LocalDate event = LocalDate.ofInstant(m.createdAt(), java.time.ZoneOffset.UTC);
        assertTrue(event.equals(day) || event.equals(day.minusDays(1)), line);
      }
    }
    assertEquals(0, broken[0]);
  }
}
