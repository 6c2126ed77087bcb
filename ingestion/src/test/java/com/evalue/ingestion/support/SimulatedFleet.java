package com.evalue.ingestion.support;

import com.evalue.simulate.FleetSimulator;
import com.evalue.simulate.SimulationConfig;
import com.evalue.transforms.model.Make;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The simulator's native payloads (24 vehicles, 2 days, no defects), generated once per test JVM: what the fake
 * OEM servers serve. Nothing here is hand-written OEM data.
 */
public final class SimulatedFleet {
  public static final LocalDate START = LocalDate.of(2025, 6, 1);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Path dir;

  private SimulatedFleet() {}

  public static synchronized Path payloads() {
    if (dir == null) {
      try {
        Path out = Files.createTempDirectory("evalue-sim-");
        new FleetSimulator(new SimulationConfig(24, 2, 42L, START, false, out)).run();
        dir = out.resolve("payloads");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  /** Non-blank lines of every file of a make whose name starts with {@code prefix}, in file order. */
  public static List<String> lines(String makeDir, String prefix) {
    try (Stream<Path> files = Files.list(payloads().resolve(makeDir))) {
      List<String> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
        for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!l.isBlank()) {
            out.add(l.strip());
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** High Mobility responses of a make, by VIN, in time order. */
  public static Map<String, List<String>> hmResponses(Make make) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String l : lines(make.code(), "")) {
      out.computeIfAbsent(tree(l).path("vin").asText(), k -> new ArrayList<>()).add(l);
    }
    return out;
  }

  /** The bytes of a Stellantis export file as the provider lays it out. */
  public static byte[] stellantisExport(LocalDate day) {
    try {
      return Files.readAllBytes(payloads().resolve("stellantis").resolve(day + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The elements of the Stellantis exports (one per line in the provider layout). */
  public static List<String> stellantisElements() {
    return lines("stellantis", "").stream().filter(l -> l.startsWith("{")).toList();
  }

  public static List<String> bmwPushBodies() {
    return lines("bmw", "push-");
  }

  /** CarData poll records {@code {vin, telematicData}} by VIN. */
  public static Map<String, List<String>> carData() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String l : lines("bmw", "cardata-")) {
      out.computeIfAbsent(tree(l).path("vin").asText(), k -> new ArrayList<>()).add(l);
    }
    return out;
  }

  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
