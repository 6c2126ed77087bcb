package com.evalue.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.simulate.output.DefectInjector;
import com.evalue.transforms.model.Timestamps;
import com.evalue.transforms.model.Vin;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects on: the counts in summary.json match the configured shares and what the files really contain. */
class DefectInjectionTest {
  private static final Set<String> TIME_MEMBERS =
      Set.of("timestamp", "datetime", "date_of_value", "received_date", "createdAt");

  @TempDir static Path out;
  static SimulationSummary summary;
  static Outputs outputs;

  @BeforeAll
  static void run() throws Exception {
    summary = new FleetSimulator(new SimulationConfig(24, 14, 2024L, LocalDate.of(2025, 2, 3), true, out)).run();
    outputs = new Outputs(out);
  }

  @Test
  void summaryJsonMatchesTheSummary() {
    JsonNode json = outputs.summary();
    assertEquals(summary.totalRecords(), json.get("records_total").asLong());
    assertEquals(summary.duplicatesInjected(), json.get("duplicates_injected").asLong());
    assertEquals(summary.lateRecords(), json.get("late_records").asLong());
    assertEquals(summary.malformedTotal(), json.get("malformed_total").asLong());
    summary.malformedByKind().forEach((k, v) -> assertEquals(v, json.get("malformed_injected").get(k).asLong()));
    summary.recordsByMakeAndFormat().forEach((make, formats) -> formats.forEach(
        (format, n) -> assertEquals(n, json.get("records").get(make).get(format).asLong(), make + "/" + format)));
  }

  @Test
  void sharesAreRoughlyTheConfiguredOnes() {
    long cardata = summary.recordsByMakeAndFormat().get("bmw").getOrDefault("bmw_cardata_json", 0L);
    long original = summary.totalRecords() - summary.duplicatesInjected() - summary.malformedTotal() - cardata;
    double duplicate = summary.duplicatesInjected() / (double) original;
    double malformed = summary.malformedTotal() / (double) original;
    double late = summary.lateRecords() / (double) original;
    assertTrue(Math.abs(duplicate - DefectInjector.DUPLICATE_SHARE) < 0.03, "duplicate share " + duplicate);
    assertTrue(malformed > 0.002 && malformed < 0.009, "malformed share " + malformed);
    // records of the last day (and some of the day before) cannot arrive later within the period
    assertTrue(late > 0.015 && late < DefectInjector.LATE_SHARE + 0.01, "late share " + late);
    for (String kind : List.of("truncated_protobuf", "broken_json", "invalid_vin", "stellantis_vin_x",
        "future_timestamp")) {
      assertTrue(summary.malformedByKind().getOrDefault(kind, 0L) > 0, kind);
    }
  }

  @Test
  void malformedRecordsInTheFilesAreExactlyTheCountedOnes() {
    int[] brokenTesla = {0};
    List<Outputs.TeslaMessage> tesla = outputs.tesla(brokenTesla);
    int[] brokenJson = {0};
    List<JsonNode> other = new java.util.ArrayList<>();
    for (String make : List.of("bmw", "mercedes-benz", "renault", "volvo-cars", "ford", "kia")) {
      other.addAll(outputs.jsonLines(make, ".ndjson", brokenJson));
    }
    List<JsonNode> stellantis = outputs.stellantisStates();

    long truncated = 0;
    for (Path p : outputs.payloadFiles("tesla", ".pb")) {
      for (byte[] rec : ProtoReader.delimited(Outputs.bytes(p))) {
        try {
          ProtoReader.parse(rec).stream().filter(f -> f.number() == 1).forEach(f -> ProtoReader.parse(f.bytes()));
        } catch (IllegalArgumentException e) {
          truncated++;
        }
      }
    }
    assertEquals(summary.malformedByKind().get("truncated_protobuf"), truncated);
    assertEquals(summary.malformedByKind().get("broken_json"), brokenTesla[0] - truncated + brokenJson[0]);

    long invalidVins = 0;
    long vinX = 0;
    for (Outputs.TeslaMessage m : tesla) {
      invalidVins += Vin.isValid(m.vin()) ? 0 : 1;
    }
    for (JsonNode n : other) {
      for (String vin : vins(n)) {
        invalidVins += Vin.isValid(vin) ? 0 : 1;
      }
    }
    for (JsonNode s : stellantis) {
      String vin = s.get("vin").asText();
      if (!Vin.isValid(vin)) {
        invalidVins++;
      } else if (vin.charAt(7) == 'X') {
        vinX++;
      }
    }
    assertEquals(summary.malformedByKind().get("invalid_vin"), invalidVins);
    assertEquals(summary.malformedByKind().get("stellantis_vin_x"), vinX);
  }

  @Test
  void futureTimestampsAreTheCountedOnes() {
    long future = 0;
    for (Path p : outputs.payloadFiles()) {
      String name = p.getFileName().toString();
      LocalDate fileDay = LocalDate.parse(name.replaceAll("^(push-|cardata-)", "").substring(0, 10));
      Instant limit = fileDay.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (name.endsWith(".pb")) {
        for (byte[] rec : ProtoReader.delimited(Outputs.bytes(p))) {
          try {
            Outputs.TeslaMessage m = Outputs.decodeProto(rec, Map.of());
            future += m.createdAt() != null && m.createdAt().isAfter(limit) ? 1 : 0;
          } catch (IllegalArgumentException truncated) {
            // counted elsewhere
          }
        }
        continue;
      }
      List<JsonNode> docs = new java.util.ArrayList<>();
      if (name.endsWith(".json")) {
        try {
          Outputs.MAPPER.readTree(p.toFile()).forEach(docs::add);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      } else {
        for (String line : Outputs.lines(p)) {
          try {
            JsonNode n = Outputs.MAPPER.readTree(line);
            if (n.has("vehiclePushKeyValues")) {
              n.get("vehiclePushKeyValues").forEach(docs::add);
            } else {
              docs.add(n);
            }
          } catch (Exception broken) {
            // counted elsewhere
          }
        }
      }
      for (JsonNode d : docs) {
        future += latest(d).isAfter(limit) ? 1 : 0;
      }
    }
    assertEquals(summary.malformedByKind().get("future_timestamp"), future);
  }

  @Test
  void teslaDuplicatesIncludeResendFlagsAndNextDayCopies() {
    int[] broken = {0};
    List<Outputs.TeslaMessage> tesla = outputs.tesla(broken);
    long resent = tesla.stream().filter(Outputs.TeslaMessage::isResend).count();
    Set<String> seen = new HashSet<>();
    long repeats = 0;
    for (Outputs.TeslaMessage m : tesla) {
      if (!seen.add(m.vin() + m.createdAt() + m.values())) {
        repeats++;
      }
    }
    assertTrue(resent > 0);
    assertTrue(repeats > tesla.size() * 0.1, "repeats " + repeats + " of " + tesla.size());
    assertTrue(tesla.stream().anyMatch(m -> m.values().containsValue(Outputs.INVALID)), "invalid values");
  }

  private static List<String> vins(JsonNode n) {
    if (n.has("vehiclePushKeyValues")) {
      List<String> out = new java.util.ArrayList<>();
      n.get("vehiclePushKeyValues").forEach(e -> out.add(e.get("vin").asText()));
      return out;
    }
    return List.of(n.get("vin").asText());
  }

  private static Instant latest(JsonNode node) {
    Instant max = Instant.EPOCH;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Instant t = Instant.EPOCH;
      if (TIME_MEMBERS.contains(e.getKey()) && e.getValue().isTextual()) {
        t = Timestamps.parseIso(e.getValue().asText());
      } else if (e.getValue().isContainerNode()) {
        if (e.getValue().isArray()) {
          for (JsonNode c : e.getValue()) {
            Instant ct = latest(c);
            t = ct.isAfter(t) ? ct : t;
          }
        } else {
          t = latest(e.getValue());
        }
      }
      max = t.isAfter(max) ? t : max;
    }
    return max;
  }
}
