package com.evalue.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {
  @Test
  void defaultsEndYesterdayInUtc() {
    SimulationConfig c = SimulationConfig.defaults(Path.of("out"));
    assertEquals(24, c.vehicles());
    assertEquals(28, c.days());
    assertEquals(42L, c.seed());
    assertTrue(c.defects());
    assertNull(c.startDate());
    // 23:30 in Paris on 1 March is already 22:30 UTC on 1 March; 00:30 Paris on 2 March is still 1 March in UTC
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T23:30:00Z"), ZoneId.of("Europe/Paris"));
    assertEquals(LocalDate.of(2025, 2, 1), c.effectiveStartDate(clock));
    assertEquals(LocalDate.of(2025, 1, 30), c.withDays(30).effectiveStartDate(clock));
    assertEquals(LocalDate.of(2024, 5, 6), c.withStartDate(LocalDate.of(2024, 5, 6)).effectiveStartDate(clock));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(0, 28, 1, null, true, Path.of("o")));
    assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(5, 0, 1, null, true, Path.of("o")));
    assertThrows(NullPointerException.class, () -> new SimulationConfig(5, 5, 1, null, true, null));
    assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(5, 5, 1, null, true, Path.of("o"), -0.01));
    assertThrows(IllegalArgumentException.class, () -> new SimulationConfig(5, 5, 1, null, true, Path.of("o"), 0.2));
    assertThrows(IllegalArgumentException.class,
        () -> new SimulationConfig(5, 5, 1, null, true, Path.of("o"), Double.NaN));
  }
}
