package com.evalue.transforms.health.normalise;

import static com.evalue.transforms.health.Fixtures.INVALID;
import static com.evalue.transforms.health.Fixtures.point;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.model.Make;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormaliserTest {
  private static final AnalyticsConfig C = AnalyticsConfig.defaults();
  private static final String VIN = "VF1AG000166123456";
  private static final Instant T = Instant.parse("2025-06-13T23:50:00Z");

  private static RawTssRow.Builder row(Instant t, String date, String receivedAt) {
    return RawTssRow.builder().set("vin", VIN).set("timestamp", t).set("data_date", LocalDate.parse(date))
        .set("received_at", Instant.parse(receivedAt));
  }

  @Test
  void duplicatesCollapseColumnByColumnToTheNewestNonNullValue() {
    HealthCounters counters = new HealthCounters();
    List<ProcessedPoint> points = Normaliser.normalise(Make.RENAULT, List.of(
        row(T, "2025-06-13", "2025-06-13T23:51:00Z").set("soc", 0.40).set("odometer", 1000.0).build(),
        // Later received_at: its soc wins; it has no odometer, so the older non-null odometer stays.
        row(T, "2025-06-14", "2025-06-14T00:05:00Z").set("soc", 0.41).build(),
        // Same received_at as the first, later data date: wins over the first only.
        row(T, "2025-06-14", "2025-06-13T23:51:00Z").set("charging_status", "charging").build()), C, counters);
    assertEquals(1, points.size());
    assertEquals(41.0, points.get(0).number("soc"), 1e-12, "HM SoC 0–1 × 100 (sources.md §6)");
    assertEquals(1000.0, points.get(0).number("odometer"));
    assertEquals("charging", points.get(0).get("charging_status"));
  }

  @Test
  void anInvalidReportIsAValueInTheCollapse() {
    List<ProcessedPoint> points = Normaliser.normalise(Make.TESLA, List.of(
        row(T, "2025-06-13", "2025-06-13T23:51:00Z").set("energy_remaining", 50.0).build(),
        row(T, "2025-06-14", "2025-06-14T00:05:00Z").invalid("energy_remaining").build()), C, new HealthCounters());
    assertNull(points.get(0).number("energy_remaining"));
    assertEquals(List.of("energy_remaining"), points.get(0).invalidSignals());
  }

  @Test
  void perMakeScaleFactorsThenPlausibilityLimitsWithCounters() {
    HealthCounters counters = new HealthCounters();
    List<ProcessedPoint> tesla = Normaliser.normalise(Make.TESLA, List.of(
        row(T, "2025-06-13", "2025-06-13T23:51:00Z").set("odometer", 100.0).set("soc", 101.0)
            .set("dc_charging_power", 250.0).set("ac_charging_power", -1.0).build()), C, counters);
    assertEquals(Map.of("odometer", 160.9344, "dc_charging_power", 250.0), tesla.get(0).values(),
        "miles × 1.609344; soc 101 and power −1 are out of range");
    assertEquals(1, counters.get("processed.out_of_range{soc}"));
    assertEquals(1, counters.get("processed.out_of_range{ac_charging_power}"));

    List<ProcessedPoint> bmw = Normaliser.normalise(Make.BMW, List.of(
        row(T, "2025-06-13", "2025-06-13T23:51:00Z").set("soh_oem", 96.0).set("soc", 58.0).build(),
        row(T.plusSeconds(60), "2025-06-13", "2025-06-13T23:51:00Z").set("soh_oem", 40.0).build()), C,
        counters);
    assertEquals(0.96, bmw.get(0).number("soh_oem"), 1e-12, "bmw % × 0.01");
    assertEquals(58.0, bmw.get(0).number("soc"));
    assertNull(bmw.get(1).number("soh_oem"), "0.40 < 0.5");
    assertEquals(1, counters.get("processed.out_of_range{soh_oem}"));

    List<ProcessedPoint> renault = Normaliser.normalise(Make.RENAULT, List.of(
        row(T, "2025-06-13", "2025-06-13T23:51:00Z").set("outside_temperature", 71.0).set("soh_oem", 1.05)
            .build()), C, counters);
    assertEquals(Map.of("soh_oem", 1.05), renault.get(0).values(), "HM SoH already 0–1; 71 °C out of range");
  }

  @Test
  void pointsAreSortedByTimestamp() {
    List<ProcessedPoint> points = Normaliser.normalise(Make.KIA, List.of(
        row(T.plusSeconds(120), "2025-06-14", "2025-06-14T00:05:00Z").set("soc", 0.3).build(),
        row(T, "2025-06-13", "2025-06-13T23:51:00Z").set("soc", 0.2).build()), C, new HealthCounters());
    assertEquals(List.of(T, T.plusSeconds(120)), points.stream().map(ProcessedPoint::timestamp).toList());
  }

  @Test
  void asOfPairingTakesTheLatestValueAtMost30MinutesOldAndNeverFallsBackPastAnInvalid() {
    PointSeries s = new PointSeries(List.of(
        point(0, "soc", 50),
        point(10, "battery_energy", 30),           // soc 10 min old → 50
        point(30, "battery_energy", 31),           // exactly 30 min → 50
        point(30.5, "battery_energy", 32),         // 30.5 min → null
        point(40, "soc", 60, "battery_energy", 33), // same row → 60
        point(45, "soc", INVALID),                 // invalid report
        point(50, "battery_energy", 34),           // latest soc report is invalid → null, no fallback to 60
        point(60, "soc", 62)));
    double[] paired = s.asOf("soc", 30);
    assertArrayEquals(new double[] {50, 50, 50, Double.NaN, 60, Double.NaN, Double.NaN, 62}, paired);
  }
}
