package com.evalue.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
  private static final LocalDate START = LocalDate.of(2025, 3, 10);

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path tmp) throws Exception {
    SimulationConfig config = new SimulationConfig(10, 4, 1234L, START, true, tmp.resolve("a"));
    SimulationSummary a = new FleetSimulator(config).run();
    SimulationSummary b = new FleetSimulator(config.withOutputDir(tmp.resolve("b"))).run();
    new FleetSimulator(config.withOutputDir(tmp.resolve("c")).withSeed(1235L)).run();

    List<Path> filesA = relativeFiles(tmp.resolve("a"));
    assertEquals(filesA, relativeFiles(tmp.resolve("b")));
    assertFalse(filesA.isEmpty());
    for (Path rel : filesA) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(rel)),
          Files.readAllBytes(tmp.resolve("b").resolve(rel)), rel.toString());
    }
    assertEquals(a.recordsByMakeAndFormat(), b.recordsByMakeAndFormat());

    for (String name : List.of("fleet.csv", "truth.csv", "summary.json", "payloads/tesla/2025-03-11.pb",
        "payloads/kia/2025-03-11.ndjson")) {
      assertFalse(java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a").resolve(name)),
          Files.readAllBytes(tmp.resolve("c").resolve(name))), name);
    }
  }

  @Test
  void sensorBiasChangesSensorReadingsOnlyAndZeroChangesNothing(@TempDir Path tmp) throws Exception {
    SimulationConfig config = new SimulationConfig(10, 4, 1234L, START, true, tmp.resolve("a"));
    new FleetSimulator(config).run();
    new FleetSimulator(config.withOutputDir(tmp.resolve("zero")).withSensorBias(0)).run();
    new FleetSimulator(config.withOutputDir(tmp.resolve("biased")).withSensorBias(0.01)).run();

    List<Path> files = relativeFiles(tmp.resolve("a"));
    for (Path rel : files) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(rel)),
          Files.readAllBytes(tmp.resolve("zero").resolve(rel)), rel.toString());
    }
    assertEquals(files, relativeFiles(tmp.resolve("biased")));
    for (Path rel : files) {
      boolean same = java.util.Arrays.equals(Files.readAllBytes(tmp.resolve("a").resolve(rel)),
          Files.readAllBytes(tmp.resolve("biased").resolve(rel)));
      String name = rel.toString().replace('\\', '/');
      if (name.startsWith("payloads/kia/")) {
        assertFalse(same, name + ": the BMS energy content carries the vehicle's error");
      } else if (name.startsWith("payloads/bmw/") || name.startsWith("payloads/stellantis/")
          || name.equals("truth.csv") || name.equals("fleet.csv")) {
        assertTrue(same, name + ": no biased sensor there, and the truth is the truth");
      }
    }
  }

  @Test
  void rerunIntoTheSameDirectoryReplacesThePayloads(@TempDir Path tmp) throws Exception {
    SimulationConfig config = new SimulationConfig(8, 3, 5L, START, true, tmp);
    new FleetSimulator(config.withDays(4)).run();
    new FleetSimulator(config).run();
    assertFalse(Files.exists(tmp.resolve("payloads/tesla/2025-03-13.pb")), "stale day-4 file left behind");
  }

  private static List<Path> relativeFiles(Path root) throws Exception {
    try (var s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
