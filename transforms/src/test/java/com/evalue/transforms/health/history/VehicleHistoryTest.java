package com.evalue.transforms.health.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Make;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-VIN stages end to end, from raw_tss rows: units, duplicates, invalid reports, determinism. */
class VehicleHistoryTest {
  /** The spec's starting dc_energy floor (0.010), not the calibrated default, so the interval below stays hand-checked. */
  private static final AnalyticsConfig C = AnalyticsConfig.defaults()
      .withOverride("ci_method_floor.dc_energy", "0.010");
  private static final String VIN = "5YJ3E7EB9NF000123";
  private static final Instant T0 = Instant.parse("2025-06-10T20:00:00Z"); // Tuesday
  private static final FleetInfo INFO = new FleetInfo(VIN, "model 3", "long range", "MTY13C", 75.0, 500.0);

  /**
   * A Tesla DC charge 20 → 60 % in 30 min (dc counter 0.5 → 28.5 kWh), odometer in miles, then a resent copy of
   * two rows under a later data date with an older received_at, and one invalid energy_remaining.
   */
  static List<RawTssRow> rows() {
    double[] soc = {20, 30, 45, 60};
    double[] dc = {0.5, 10, 20, 28.5};
    LocalDate d = LocalDate.parse("2025-06-10");
    List<RawTssRow> out = new ArrayList<>();
    for (int i = 0; i < soc.length; i++) {
      Instant t = T0.plus(Duration.ofMinutes(10L * i));
      out.add(RawTssRow.builder().set("vin", VIN).set("timestamp", t).set("data_date", d)
          .set("received_at", t.plusSeconds(2)).set("soc", soc[i]).set("dc_charge_energy_added", dc[i])
          .set("odometer", 10_000.0).set("dc_charging_power", 120.0).build());
    }
    // A copy of row 3 in the next day's file, received earlier: loses column by column.
    out.add(out.get(3).toBuilder().set("data_date", d.plusDays(1)).set("received_at", T0).set("soc", 99.0)
        .build());
    out.add(RawTssRow.builder().set("vin", VIN).set("timestamp", T0.plus(Duration.ofMinutes(15)))
        .set("data_date", d).set("received_at", T0.plus(Duration.ofMinutes(16))).invalid("energy_remaining")
        .build());
    return out;
  }

  @Test
  void aTeslaChargeFromRawRowsToAWeek() {
    VehicleOutputs out = VehicleHistory.process(Make.TESLA, VIN, rows(), INFO, C);
    assertEquals(5, out.points().size(), "4 timestamps + the invalid-only row; the duplicate collapsed");
    assertEquals(List.of("energy_remaining"), out.points().get(2).invalidSignals());
    assertEquals(16093.44, out.points().get(0).number("odometer"), 1e-9, "miles × 1.609344");
    assertEquals(60.0, out.points().get(4).number("soc"), "the later received_at wins over the copy");
    PhaseResult r = out.rawResults().get(0);
    assertEquals(28.0 / 30.0, r.sohRaw(), 1e-12);
    assertEquals(SohMethod.DC_ENERGY, r.sohMethod());
    assertEquals(Boolean.FALSE, r.bmsInformative());
    assertEquals(0.4, r.level3(), 1e-12);
    assertEquals("model 3", r.model());
    List<WeeklyHealth> weeks = VehicleHistory.weekly(Make.TESLA, VIN, out.rawResults(), out.points(), INFO, null,
        C, new HealthCounters());
    assertEquals(1, weeks.size());
    WeeklyHealth w = weeks.get(0);
    assertEquals(LocalDate.parse("2025-06-09"), w.timestamp());
    assertEquals(28.0 / 30.0, w.sohEstimated(), 1e-12);
    assertEquals(28.0 / 30.0 - 0.010, w.sohEstimatedCiLow(), 1e-12);
    assertEquals(16093.44, w.odometer(), 1e-9);
    // 16 093.44 / (500 × (0.9333 + 1)/2) = 33.29 → 33
    assertEquals(33, w.cycles());
    assertEquals(0.4, w.chargedCycles(), 1e-12);
    assertNull(w.sohOem());
  }

  @Test
  void theSameInputsInAnyOrderGiveIdenticalOutputs() {
    VehicleOutputs first = VehicleHistory.process(Make.TESLA, VIN, rows(), INFO, C);
    Random random = new Random(7);
    for (int k = 0; k < 5; k++) {
      List<RawTssRow> shuffled = new ArrayList<>(rows());
      Collections.shuffle(shuffled, random);
      VehicleOutputs again = VehicleHistory.process(Make.TESLA, VIN, shuffled, INFO, C);
      assertEquals(first.points(), again.points());
      assertEquals(first.phases(), again.phases());
      assertEquals(first.rawResults(), again.rawResults());
      assertEquals(first.counters().asMap(), again.counters().asMap());
    }
  }

  @Test
  void aVinWithoutDataGivesEmptyOutputs() {
    VehicleOutputs out = VehicleHistory.process(Make.KIA, VIN, List.of(), FleetInfo.unknown(VIN), C);
    assertEquals(List.of(), out.points());
    assertEquals(List.of(), out.phases());
    assertEquals(List.of(), out.rawResults());
    assertEquals(List.of(), VehicleHistory.weekly(Make.KIA, VIN, List.of(), List.of(), FleetInfo.unknown(VIN),
        null, C, new HealthCounters()));
  }
}
