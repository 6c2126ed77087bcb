package com.evalue.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measured signals, read back from the payload files, tell the truth of truth.csv in the way each SoH method
 * of pipeline.md §4.2 expects. Defects are off so that each check isolates the physics.
 */
class PhysicsConsistencyTest {
  @TempDir static Path out;
  static Outputs outputs;
  static Map<String, Outputs.Vehicle> fleet;

  @BeforeAll
  static void run() throws Exception {
    new FleetSimulator(new SimulationConfig(18, 28, 31L, LocalDate.of(2025, 1, 6), false, out)).run();
    outputs = new Outputs(out);
    fleet = outputs.fleet();
  }

  @Test
  void teslaDcCounterDeltaOverSocDeltaIsTheTrueSoh() {
    List<Double> errors = new ArrayList<>();
    List<Double> acErrors = new ArrayList<>();
    int[] broken = {0};
    Map<String, List<Outputs.TeslaMessage>> byVin = new TreeMap<>();
    outputs.tesla(broken).forEach(m -> byVin.computeIfAbsent(m.vin(), k -> new ArrayList<>()).add(m));
    for (Map.Entry<String, List<Outputs.TeslaMessage>> e : byVin.entrySet()) {
      double net = fleet.get(e.getKey()).netKwh();
      List<Outputs.TeslaMessage> msgs = e.getValue();
      msgs.sort(Comparator.comparing(Outputs.TeslaMessage::createdAt));
      sessions(msgs, "DCChargingEnergyIn").forEach(s -> {
        if (s.socEnd - s.socStart >= 10) {
          double soh = (s.energyEnd - s.energyStart) / ((s.socEnd - s.socStart) / 100 * net);
          errors.add(soh / outputs.trueSoh(e.getKey(), s.start) - 1);
        }
      });
      sessions(msgs, "ACChargingEnergyIn").forEach(s -> {
        if (s.socEnd - s.socStart >= 10) {
          double soh = (s.energyEnd - s.energyStart) * 0.90 / ((s.socEnd - s.socStart) / 100 * net);
          acErrors.add(soh / outputs.trueSoh(e.getKey(), s.start) - 1);
        }
      });
    }
    assertTrue(errors.size() >= 3, "DC sessions " + errors.size());
    errors.forEach(err -> assertTrue(Math.abs(err) <= 0.02, "DC relative error " + err));
    assertTrue(acErrors.size() >= 3, "AC sessions " + acErrors.size());
    acErrors.forEach(err -> assertTrue(Math.abs(err) <= 0.06, "AC (×0.90) relative error " + err));
  }

  @Test
  void teslaEnergyRemainingIsInformativeOrConstant() {
    int[] broken = {0};
    Map<String, List<Double>> ratios = new TreeMap<>();
    for (Outputs.TeslaMessage m : outputs.tesla(broken)) {
      Double soc = m.number("Soc");
      Double er = m.number("EnergyRemaining");
      if (soc != null && er != null && soc >= 20 && soc <= 80) {
        ratios.computeIfAbsent(m.vin(), k -> new ArrayList<>()).add(er / (soc / 100));
      }
    }
    int informative = 0;
    for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
      List<Double> r = e.getValue();
      double spread = quantile(r, 0.95) - quantile(r, 0.05);
      double soh = quantile(r, 0.5) / fleet.get(e.getKey()).netKwh();
      double truth = outputs.truth().get(e.getKey()).firstEntry().getValue();
      if (spread > 0.05) {
        informative++;
        assertEquals(truth, soh, 0.01, e.getKey());
      } else {
        assertTrue(spread < 0.02, "a constant ratio is really constant: " + spread);
      }
    }
    assertTrue(informative >= 1);
  }

  @Test
  void highMobilityEnergyRangeAndSessionSignalsTellTheTrueSoh() {
    int[] broken = {0};
    int checked = 0;
    for (String make : List.of("renault", "ford", "kia", "volvo-cars")) {
      for (JsonNode r : outputs.jsonLines(make, ".ndjson", broken)) {
        String vin = r.get("vin").asText();
        JsonNode charging = r.get("charging");
        double soc = charging.get("battery_level").get("data").asDouble();
        Instant t = Timestamps.parseIso(charging.get("battery_level").get("timestamp").asText());
        double truth = outputs.trueSoh(vin, t);
        Outputs.Vehicle v = fleet.get(vin);
        if (soc < 0.4) {
          continue;
        }
        double estimate;
        if (make.equals("volvo-cars")) {
          estimate = charging.get("estimated_range").get("data").get("value").asDouble() / soc / v.rangeKm() / 0.87;
        } else {
          estimate = charging.get("battery_energy").get("data").get("value").asDouble() / (v.netKwh() * soc);
          if (make.equals("renault")) {
            double temp = r.get("climate").get("outside_temperature").get("data").get("value").asDouble();
            estimate -= 0.0015 * (temp - 20); // pipeline.md §4.3 correction
          }
        }
        assertEquals(truth, estimate, 0.02, make + " " + vin + " " + t);
        checked++;
      }
    }
    assertTrue(checked > 500);
    assertEquals(0, broken[0]);
  }

  @Test
  void mercedesSessionEnergyOverSocDeltaIsTheTrueSoh() {
    int[] broken = {0};
    Map<String, List<JsonNode>> byVin = new TreeMap<>();
    outputs.jsonLines("mercedes-benz", ".ndjson", broken)
        .forEach(r -> byVin.computeIfAbsent(r.get("vin").asText(), k -> new ArrayList<>()).add(r));
    int sessions = 0;
    for (Map.Entry<String, List<JsonNode>> e : byVin.entrySet()) {
      List<JsonNode> rs = e.getValue();
      rs.sort(Comparator.comparing(r -> r.get("charging").get("battery_level").get("timestamp").asText()));
      double net = fleet.get(e.getKey()).netKwh();
      // a session = consecutive responses with status "charging"; counter and SoC are read at the same instant
      double e0 = 0;
      double s0 = 0;
      double e1 = 0;
      double s1 = 0;
      String start = null;
      for (JsonNode r : rs) {
        boolean charging = r.get("charging").get("status").get("data").asText().equals("charging");
        double energy = r.get("charging_session").get("energy_charged").get("data").get("value").asDouble();
        double soc = r.get("charging").get("battery_level").get("data").asDouble() * 100;
        if (charging && start == null) {
          start = r.get("charging").get("battery_level").get("timestamp").asText();
          e0 = energy;
          s0 = soc;
        } else if (!charging && start != null) {
          sessions += check(e.getKey(), start, e0, s0, e1, s1, net);
          start = null;
        }
        e1 = energy;
        s1 = soc;
      }
    }
    assertTrue(sessions >= 3, "sessions " + sessions);
  }

  private static int check(String vin, String start, double e0, double s0, double e1, double s1, double net) {
    if (start == null || s1 - s0 < 10) {
      return 0;
    }
    double soh = (e1 - e0) / ((s1 - s0) / 100 * net);
    assertEquals(1.0, soh / outputs.trueSoh(vin, Timestamps.parseIso(start)), 0.02, vin + " " + start);
    return 1;
  }

  @Test
  void oemSohReadingsAreTheTrueSohRoundedToAPercent() {
    int[] broken = {0};
    int checked = 0;
    for (JsonNode body : outputs.jsonLines("bmw", ".ndjson", broken)) {
      for (JsonNode e : body.path("vehiclePushKeyValues")) {
        for (JsonNode kv : e.get("pushKeyValues")) {
          if (kv.get("key").asText().equals("hv_state_of_health")) {
            double soh = Double.parseDouble(kv.get("value").asText()) / 100;
            Instant t = Timestamps.parseIso(kv.get("date_of_value").asText());
            if (!t.isBefore(Instant.parse("2025-01-06T00:00:00Z"))) {
              assertEquals(outputs.trueSoh(e.get("vin").asText(), t), soh, 0.015);
              checked++;
            }
          }
        }
      }
    }
    for (JsonNode s : outputs.stellantisStates()) {
      JsonNode h = s.get("electricity").get("battery").get("stateOfHealth");
      Instant t = Timestamps.parseIso(h.get("datetime").asText());
      if (!t.isBefore(Instant.parse("2025-01-06T00:00:00Z"))) {
        assertEquals(outputs.trueSoh(s.get("vin").asText(), t), h.get("percentage").asDouble() / 100, 0.015);
        assertEquals(Math.rint(h.get("percentage").asDouble()), h.get("percentage").asDouble());
        checked++;
      }
    }
    assertTrue(checked > 20);
  }

  @Test
  void truthIsPlausibleAndDeclinesOneAndAHalfToThreePercentAYear(@TempDir Path longRun) throws Exception {
    new FleetSimulator(new SimulationConfig(9, 120, 8L, LocalDate.of(2024, 11, 4), true, longRun)).run();
    Outputs o = new Outputs(longRun);
    for (Map.Entry<String, TreeMap<LocalDate, Double>> e : o.truth().entrySet()) {
      List<Map.Entry<LocalDate, Double>> weeks = new ArrayList<>(e.getValue().entrySet());
      double previous = 1.0;
      for (Map.Entry<LocalDate, Double> w : weeks) {
        assertTrue(w.getValue() >= 0.7 && w.getValue() <= 1.0, e.getKey() + " " + w);
        assertTrue(w.getValue() <= previous + 1e-9, "non-increasing " + e.getKey() + " " + w);
        previous = w.getValue();
      }
      // full weeks only: the first and last may be partial
      Map.Entry<LocalDate, Double> first = weeks.get(1);
      Map.Entry<LocalDate, Double> last = weeks.get(weeks.size() - 2);
      double years = (last.getKey().toEpochDay() - first.getKey().toEpochDay()) / 365.25;
      double perYear = (first.getValue() - last.getValue()) / years;
      assertTrue(perYear >= 0.015 - 0.0005 && perYear <= 0.03 + 0.0005, e.getKey() + " declines " + perYear);
    }
  }

  private record Session(Instant start, double energyStart, double socStart, double energyEnd, double socEnd) {}

  /** Sessions of a per-session counter: a new one starts when the counter goes down (reset at plug-in). */
  private static List<Session> sessions(List<Outputs.TeslaMessage> msgs, String counter) {
    List<Session> out = new ArrayList<>();
    Double lastEnergy = null;
    Session current = null;
    for (Outputs.TeslaMessage m : msgs) {
      Double energy = m.number(counter);
      Double soc = m.number("Soc");
      if (energy == null || soc == null) {
        continue;
      }
      if (lastEnergy == null || energy < lastEnergy) {
        if (current != null) {
          out.add(current);
        }
        current = new Session(m.createdAt(), energy, soc, energy, soc);
      } else if (energy > lastEnergy) {
        current = new Session(current.start(), current.energyStart(), current.socStart(), energy, soc);
      }
      lastEnergy = energy;
    }
    if (current != null) {
      out.add(current);
    }
    out.remove(0); // the counter value before the first session of the period
    return out;
  }

  private static double quantile(List<Double> values, double p) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    double h = (s.size() - 1) * p;
    int lo = (int) Math.floor(h);
    return lo + 1 < s.size() ? s.get(lo) + (h - lo) * (s.get(lo + 1) - s.get(lo)) : s.get(lo);
  }
}
