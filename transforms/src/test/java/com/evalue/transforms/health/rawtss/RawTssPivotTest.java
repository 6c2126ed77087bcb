package com.evalue.transforms.health.rawtss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.SignalValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawTssPivotTest {
  private static final String VIN = "5YJ3E7EB9NF000123";
  private static final LocalDate D = LocalDate.parse("2025-06-14");
  private static final Instant T = Instant.parse("2025-06-14T09:12:31.482Z");
  private static final Instant R1 = Instant.parse("2025-06-14T09:12:32Z");
  private static final Instant R2 = Instant.parse("2025-06-14T09:13:00Z");
  private static final AnalyticsConfig C = AnalyticsConfig.defaults();

  private static SignalValue num(Instant t, String signal, double v, Instant receivedAt, String sourceId) {
    return new SignalValue(VIN, t, signal, v, null, false, receivedAt, sourceId);
  }

  private static SignalValue invalid(Instant t, String signal, Instant receivedAt, String sourceId) {
    return new SignalValue(VIN, t, signal, null, null, true, receivedAt, sourceId);
  }

  @Test
  void theLaterReceivedAtWinsThenTheGreaterSourceIdAndTheRowMergesSignalsOfOneInstant() {
    List<SignalValue> in = List.of(
        num(T, "soc", 67.4, R1, "tesla_V:00001:00000000000000000010"),
        num(T, "soc", 67.9, R2, "tesla_V:00001:00000000000000000005"), // later received_at wins
        num(T, "odometer", 100.0, R1, "tesla_V:00001:00000000000000000010"),
        num(T, "odometer", 101.0, R1, "tesla_V:00001:00000000000000000011"), // same received_at, greater id
        new SignalValue(VIN, T, "charging_status", null, "charging", false, R1, "a"),
        new SignalValue(VIN, T, "fast_charger_present", 1.0, null, false, R1, "a"));
    List<SignalValue> shuffled = new ArrayList<>(in);
    Collections.reverse(shuffled);
    for (List<SignalValue> order : List.of(in, shuffled)) {
      PivotResult r = RawTssPivot.pivot(Make.TESLA, D, order, C);
      assertEquals(1, r.rows().size());
      RawTssRow row = r.rows().get(0);
      assertEquals(VIN, row.vin());
      assertEquals(T, row.timestamp());
      assertEquals(D, row.dataDate());
      assertEquals(R2, row.receivedAt(), "the greatest received_at among the row's records");
      assertEquals(67.9, row.number("soc"));
      assertEquals(101.0, row.number("odometer"));
      assertEquals("charging", row.text("charging_status"));
      assertEquals(Boolean.TRUE, row.flag("fast_charger_present"));
      assertEquals(List.of(), row.invalidSignals());
    }
  }

  @Test
  void anInvalidReportIsKeptAsANamedNullAndCountsAsAValue() {
    PivotResult newerInvalid = RawTssPivot.pivot(Make.TESLA, D, List.of(
        num(T, "energy_remaining", 50.0, R1, "a"),
        invalid(T, "energy_remaining", R2, "b")), C);
    RawTssRow row = newerInvalid.rows().get(0);
    assertNull(row.get("energy_remaining"));
    assertEquals(List.of("energy_remaining"), row.invalidSignals(), "invalid stays distinguishable from not sent");
    assertTrue(row.isInvalid("energy_remaining"));
    assertFalse(row.isInvalid("soc"));

    PivotResult olderInvalid = RawTssPivot.pivot(Make.TESLA, D, List.of(
        invalid(T, "energy_remaining", R1, "a"),
        num(T, "energy_remaining", 50.0, R2, "b")), C);
    assertEquals(50.0, olderInvalid.rows().get(0).number("energy_remaining"));
    assertEquals(List.of(), olderInvalid.rows().get(0).invalidSignals());
  }

  @Test
  void badTimestampsAreDroppedAndCounted() {
    Instant received = Instant.parse("2025-06-14T10:00:00Z");
    PivotResult r = RawTssPivot.pivot(Make.TESLA, D, List.of(
        num(Instant.parse("2011-12-31T23:59:59.999999Z"), "soc", 1, received, "a"), // before 2012-01-01
        num(Instant.parse("2012-01-01T00:00:00Z"), "soc", 2, received, "a"), // kept: the bound is inclusive
        num(received.plusSeconds(24 * 3600), "soc", 3, received, "a"), // exactly +24 h: kept
        num(received.plusSeconds(24 * 3600).plusNanos(1000), "soc", 4, received, "a")), C); // + 24 h + 1 µs
    assertEquals(2, r.counters().get(HealthCounters.BAD_TIMESTAMP));
    assertEquals(List.of(2.0, 3.0), r.rows().stream().map(x -> x.number("soc")).toList());
  }

  @Test
  void signalsOutsideTheMakesColumnsAreIgnored() {
    PivotResult r = RawTssPivot.pivot(Make.KIA, D, List.of(
        num(T, "soc", 0.5, R1, "a"), num(T, "dc_charging_power", 50, R1, "a")), C);
    assertEquals(Map.of("soc", 0.5), r.rows().get(0).values());
    assertEquals(1, r.counters().get(HealthCounters.UNKNOWN_SIGNAL));
  }

  @Test
  void rowsAreOnePerTimestampAndSorted() {
    Instant t2 = T.plusSeconds(60);
    PivotResult r = RawTssPivot.pivot(Make.TESLA, D, List.of(
        num(t2, "soc", 60, R1, "a"), num(T, "soc", 61, R1, "a"), num(t2, "odometer", 9, R1, "a")), C);
    assertEquals(List.of(T, t2), r.rows().stream().map(RawTssRow::timestamp).toList());
    assertEquals(Map.of("soc", 60.0, "odometer", 9.0), r.rows().get(1).values());
  }

  @Test
  void replaceByDataDateKeepsOtherDatesReplacesTheParsedDateAndSorts() {
    LocalDate d1 = LocalDate.parse("2025-06-13");
    RawTssRow keep = row(T.minusSeconds(86_400), d1, 1);
    RawTssRow sameTimeOtherDate = row(T, d1, 2);
    RawTssRow stale = row(T.plusSeconds(5), D, 3);
    RawTssRow fresh1 = row(T, D, 4);
    RawTssRow fresh0 = row(T.minusSeconds(5), D, 5);
    List<RawTssRow> merged = RawTssMerge.replaceDataDate(List.of(stale, sameTimeOtherDate, keep), D,
        List.of(fresh1, fresh0));
    assertEquals(List.of(keep, fresh0, sameTimeOtherDate, fresh1), merged, "sorted by (timestamp, data_date)");
    assertEquals(merged, RawTssMerge.replaceDataDate(merged, D, List.of(fresh1, fresh0)), "idempotent");
    assertThrows(IllegalArgumentException.class, () -> RawTssMerge.replaceDataDate(List.of(), D, List.of(keep)));
  }

  @Test
  void rowsGetAndSetByColumnNameAndTheSchemaListsTheMakesColumns() {
    RawTssRow r = RawTssRow.builder().set("vin", VIN).set("timestamp", T).set("data_date", D)
        .set("received_at", R1).set("soc", 55.5).set("invalid_signals", List.of("energy_remaining")).build();
    assertEquals(55.5, r.get("soc"));
    assertEquals(D, r.get("data_date"));
    assertEquals(List.of("energy_remaining"), r.get("invalid_signals"));
    RawTssRow set = r.with("energy_remaining", 40.0).with("soc", null);
    assertEquals(Map.of("energy_remaining", 40.0), set.values());
    assertEquals(List.of(), set.invalidSignals(), "a value clears the invalid mark");
    RawTssSchema.check(Make.TESLA, set);
    assertThrows(IllegalArgumentException.class, () -> RawTssSchema.check(Make.KIA, set));
    List<String> kia = RawTssSchema.columnNames(Make.KIA);
    assertEquals(List.of("vin", "timestamp", "data_date", "received_at"), kia.subList(0, 4));
    assertEquals("invalid_signals", kia.get(kia.size() - 1));
    assertTrue(kia.containsAll(List.of("soc", "odometer", "soh_oem", "charging_power", "battery_energy")));
  }

  private static RawTssRow row(Instant t, LocalDate d, double soc) {
    return RawTssRow.builder().set("vin", VIN).set("timestamp", t).set("data_date", d).set("received_at", R1)
        .set("soc", soc).build();
  }
}
