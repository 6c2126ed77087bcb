package com.evalue.transforms.health.estimate;

import static com.evalue.transforms.health.Fixtures.INVALID;
import static com.evalue.transforms.health.Fixtures.VIN;
import static com.evalue.transforms.health.Fixtures.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.normalise.PointSeries;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.segment.PhaseSegmenter;
import com.evalue.transforms.health.segment.SegmentedHistory;
import com.evalue.transforms.model.Make;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** pipeline.md §4.1–§4.2: every per-make formula with hand-computed numbers. */
class PhaseEstimatorTest {
  static final AnalyticsConfig C = AnalyticsConfig.defaults();
  static final double EPS = 1e-9;

  static FleetInfo info(Double netCapacity, Double range) {
    return new FleetInfo(VIN, "model x", "long range", "V1", netCapacity, range);
  }

  /** Segments the points and estimates every phase. */
  static List<PhaseResult> run(Make make, FleetInfo info, List<ProcessedPoint> points) {
    HealthCounters counters = new HealthCounters();
    SegmentedHistory h = PhaseSegmenter.segment(make, VIN, points, C, counters);
    return PhaseEstimator.estimate(make, h.points(), h.phases(), info, C, counters);
  }

  static PhaseResult only(Make make, FleetInfo info, List<ProcessedPoint> points) {
    List<PhaseResult> r = run(make, info, points);
    assertEquals(1, r.size(), r.toString());
    return r.get(0);
  }

  @Nested
  class Tesla {
    /** Charging 20 → 60 in 30 min, 4 points: soc_diff 40, usable. */
    List<ProcessedPoint> charge(String counter, double... added) {
      double[] soc = {20, 30, 45, 60};
      List<ProcessedPoint> out = new ArrayList<>();
      for (int i = 0; i < soc.length; i++) {
        out.add(point(10 * i, "soc", soc[i], counter, added[i]));
      }
      return out;
    }

    @Test
    void dcEnergyIsDcAddedOverSocDiffTimesNetCapacity() {
      // dc_added = last 28.5 − min 0.5 = 28; 28 / (0.40 × 75) = 0.9333…
      PhaseResult r = only(Make.TESLA, info(75.0, null), charge("dc_charge_energy_added", 0.5, 10, 20, 28.5));
      assertEquals(PhaseStatus.CHARGING, r.phaseStatus());
      assertEquals(40.0, r.socDiff());
      assertEquals(28.0 / 30.0, r.sohRaw(), EPS);
      assertEquals(SohMethod.DC_ENERGY, r.sohMethod());
      assertNull(r.sohAcEff90(), "dc_added > 0: no AC estimate");
    }

    @Test
    void acEnergyTimes090OnlyWithoutDcEnergy() {
      // ac_added = 31 − 1 = 30; 30 × 0.90 / (0.40 × 75) = 0.9
      PhaseResult r = only(Make.TESLA, info(75.0, null), charge("ac_charge_energy_added", 1, 11, 21, 31));
      assertEquals(0.9, r.sohAcEff90(), EPS);
      assertNull(r.sohRaw(), "the AC estimate never is soh_raw");
      assertNull(r.sohMethod());
    }

    @Test
    void dcEnergyNeedsSocDiffOfTenAPositiveAdditionAUsablePhaseAndAPlausibleResult() {
      List<ProcessedPoint> nine = List.of(point(0, "soc", 20, "dc_charge_energy_added", 0.5),
          point(10, "soc", 25, "dc_charge_energy_added", 4), point(20, "soc", 29, "dc_charge_energy_added", 8));
      assertNull(only(Make.TESLA, info(75.0, null), nine).sohRaw(), "soc_diff 9 < 10");
      List<ProcessedPoint> ten = List.of(point(0, "soc", 20, "dc_charge_energy_added", 0.5),
          point(10, "soc", 25, "dc_charge_energy_added", 4), point(20, "soc", 30, "dc_charge_energy_added", 7.5));
      assertEquals(7.0 / 7.5, only(Make.TESLA, info(75.0, null), ten).sohRaw(), EPS, "soc_diff 10 ≥ 10");
      assertNull(only(Make.TESLA, info(75.0, null), charge("dc_charge_energy_added", 5, 5, 5, 5)).sohRaw(),
          "dc_added = 0");
      assertNull(only(Make.TESLA, info(20.0, null), charge("dc_charge_energy_added", 0.5, 10, 20, 28.5))
          .sohRaw(), "28 / (0.4 × 20) = 3.5 is outside [0.5, 1.5]");
      assertNull(only(Make.TESLA, info(null, null), charge("dc_charge_energy_added", 0.5, 10, 20, 28.5))
          .sohRaw(), "no net capacity");
      assertNull(only(Make.TESLA, info(0.0, null), charge("dc_charge_energy_added", 0.5, 10, 20, 28.5))
          .sohRaw(), "net capacity ≤ 0");
      List<ProcessedPoint> slow = List.of(point(0, "soc", 20, "dc_charge_energy_added", 0.5),
          point(1500, "soc", 60, "dc_charge_energy_added", 28.5));
      assertNull(only(Make.TESLA, info(75.0, null), slow).sohRaw(), "1500 min > 1440: not usable");
    }

    /** A discharging phase 80 → 40, 21 points every 5 min, energy_remaining = soc/100 × r. */
    List<ProcessedPoint> bmsSeries(double rEven, double rOdd, int n) {
      List<ProcessedPoint> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        double soc = 80 - 2 * i;
        out.add(point(5 * i, "soc", soc, "energy_remaining", soc / 100 * (i % 2 == 0 ? rEven : rOdd)));
      }
      return out;
    }

    @Test
    void bmsEnergyOnAnInformativeVin() {
      // r = 70 (11 rows) and 72 (10 rows): q(.95) − q(.05) = 72 − 70 > 0.05 → informative.
      // Phase median of r = 70 → 70 / 75.
      PhaseResult r = only(Make.TESLA, info(75.0, null), bmsSeries(70, 72, 21));
      assertEquals(Boolean.TRUE, r.bmsInformative());
      assertEquals(70.0 / 75.0, r.sohBms(), EPS);
      assertNull(r.sohRaw(), "a discharging phase has no dc_energy estimate");
    }

    @Test
    void bmsEnergyIsNotInformativeWhenTheRatioIsConstantOrThereAreFewerThan20Rows() {
      PhaseResult constant = only(Make.TESLA, info(75.0, null), bmsSeries(70, 70, 21));
      assertEquals(Boolean.FALSE, constant.bmsInformative(), "spread 0 ≤ 0.05 kWh");
      assertNull(constant.sohBms());
      PhaseResult few = only(Make.TESLA, info(75.0, null), bmsSeries(70, 72, 19));
      assertEquals(Boolean.FALSE, few.bmsInformative(), "19 rows < 20");
      // A spread of exactly 0.05 is not > 0.05: r = 70 and 70.05 alternate → q95 − q05 = 0.05 (to rounding).
      List<ProcessedPoint> edge = bmsSeries(70, 70.05, 21);
      PointSeries s = new PointSeries(edge);
      double[] paired = s.asOf("soc", 30);
      assertFalse(SohFormulas.bmsInformative(s, paired, C.withOverride("bms_constant_spread_kwh", "0.0500001")));
      assertTrue(SohFormulas.bmsInformative(s, paired, C.withOverride("bms_constant_spread_kwh", "0.0499999")));
    }

    @Test
    void bmsEnergyNeedsThreeRowsInTheSocWindowOfThePhase() {
      // Informative history first (21 rows), then, 1900 min later, a discharging phase with rows at 85, 82
      // (outside [20, 80]) and 78, 76 inside: 2 rows → no estimate; one more row at 74 → median of r. (The jump
      // 40 → 85 makes a one-point charging phase in between: 3 phases, the last is the one under test.)
      List<ProcessedPoint> pts = new ArrayList<>(bmsSeries(70, 72, 21));
      double[][] later = {{85, 71}, {82, 71}, {78, 71}, {76, 73}};
      for (int i = 0; i < later.length; i++) {
        pts.add(point(2000 + 10 * i, "soc", later[i][0], "energy_remaining", later[i][0] / 100 * later[i][1]));
      }
      List<PhaseResult> two = run(Make.TESLA, info(75.0, null), pts);
      PhaseResult last = two.get(two.size() - 1);
      assertEquals(PhaseStatus.DISCHARGING, last.phaseStatus());
      assertEquals(85.0, last.socFirst());
      assertNull(last.sohBms(), "2 rows in the window < 3");
      pts.add(point(2040, "soc", 74, "energy_remaining", 0.74 * 72));
      List<PhaseResult> three = run(Make.TESLA, info(75.0, null), pts);
      assertEquals(72.0 / 75.0, three.get(three.size() - 1).sohBms(), EPS, "median(71, 73, 72) / 75");
    }

    @Test
    void chargingPowerIsMedianAcPlusMedianDcAndSetsTheLevel() {
      List<ProcessedPoint> pts = charge("dc_charge_energy_added", 0.5, 10, 20, 28.5);
      pts.set(1, point(10, "soc", 30, "dc_charge_energy_added", 10, "dc_charging_power", 50));
      pts.set(2, point(20, "soc", 45, "dc_charge_energy_added", 20, "dc_charging_power", 100));
      pts.set(3, point(30, "soc", 60, "dc_charge_energy_added", 28.5, "dc_charging_power", 150,
          "ac_charging_power", 0.5));
      PhaseResult r = only(Make.TESLA, info(75.0, null), pts);
      assertEquals(100.5, r.chargingPowerKw(), EPS, "median dc 100 + median ac 0.5");
      assertEquals(0.0, r.level1());
      assertEquals(0.0, r.level2());
      assertEquals(0.4, r.level3(), EPS);
      assertEquals(0.4, r.efc(), EPS);
      assertNull(only(Make.TESLA, info(75.0, null), charge("dc_charge_energy_added", 0.5, 10, 20, 28.5))
          .chargingPowerKw(), "both medians missing → null, and no level");
    }
  }

  @Nested
  class EnergyContent {
    /** Charging 25 → 80 over 60 min; battery_energy rows paired as-of with SoC. */
    List<ProcessedPoint> renault() {
      return List.of(
          point(0, "soc", 25, "battery_energy", 12, "outside_temperature", 10), // soc 25 < 30: out of window
          point(10, "soc", 40, "battery_energy", 19.0, "outside_temperature", 12), // 19 / (50 × .4) = .95
          point(20, "soc", 60, "outside_temperature", 14),
          point(25, "battery_energy", 29.4), // paired soc 60 (5 min old): 29.4 / 30 = .98
          point(50, "soc", INVALID, "battery_energy", 77), // soc invalid → no pairing
          point(55, "battery_energy", 50), // latest soc report is the invalid one → no pairing
          point(60, "soc", 80, "battery_energy", 38.4, "outside_temperature", 30)); // 38.4 / 40 = .96
    }

    @Test
    void renaultMedianOfBatteryEnergyOverCapacityTimesSocInTheWindowWithTemperature() {
      PhaseResult r = only(Make.RENAULT, info(50.0, null), renault());
      assertEquals(0.96, r.sohRaw(), EPS, "median(.95, .98, .96)");
      assertEquals(SohMethod.ENERGY_CONTENT, r.sohMethod());
      assertEquals(13.0, r.tempC(), EPS, "median(10, 12, 14, 30)");
      assertNull(r.bmsInformative());
    }

    @Test
    void fordUsesTheWindow40To99AndKiaTheWindow30To99WithoutTemperature() {
      List<ProcessedPoint> pts = List.of(point(0, "soc", 35, "battery_energy", 17.5 * 0.9),
          point(10, "soc", 40, "battery_energy", 20 * 0.9), point(20, "soc", 99, "battery_energy", 49.5 * 0.92),
          point(30, "soc", 100, "battery_energy", 50));
      // ford: rows at 40 (.90) and 99 (.92) → .91; kia adds 35 (.90) → .90; 100 is outside both windows.
      assertEquals(0.91, only(Make.FORD, info(50.0, null), pts).sohRaw(), EPS);
      PhaseResult kia = only(Make.KIA, info(50.0, null), pts);
      assertEquals(0.90, kia.sohRaw(), EPS);
      assertNull(kia.tempC());
    }

    @Test
    void noEstimateWithoutRowsInTheWindowOrWithoutCapacityOrOnAnUnusablePhase() {
      List<ProcessedPoint> low = List.of(point(0, "soc", 10, "battery_energy", 5), point(10, "soc", 20,
          "battery_energy", 10));
      assertNull(only(Make.KIA, info(50.0, null), low).sohRaw());
      assertNull(only(Make.RENAULT, info(null, null), renault()).sohRaw());
      List<ProcessedPoint> single = List.of(point(0, "soc", 40, "battery_energy", 20), point(1500, "soc", 60,
          "battery_energy", 30));
      assertNull(only(Make.KIA, info(50.0, null), single).sohRaw(), "duration 1500 min: not usable");
    }

    @Test
    void volvoRangeRatioInTheWindow70To100() {
      // (245/.7)/400/.87 = 1.005747; (313.2/.9)/400/.87 = 1.0; (340/1)/400/.87 = .977011; soc 60 outside.
      List<ProcessedPoint> pts = List.of(point(0, "soc", 60, "estimated_range", 210),
          point(10, "soc", 70, "estimated_range", 245), point(20, "soc", 90, "estimated_range", 313.2),
          point(30, "soc", 100, "estimated_range", 340));
      PhaseResult r = only(Make.VOLVO_CARS, info(70.0, 400.0), pts);
      assertEquals(1.0, r.sohRaw(), EPS);
      assertEquals(SohMethod.RANGE_RATIO, r.sohMethod());
      assertNull(only(Make.VOLVO_CARS, info(70.0, null), pts).sohRaw(), "no range");
      assertNull(only(Make.VOLVO_CARS, info(70.0, -1.0), pts).sohRaw(), "range ≤ 0");
    }
  }

  @Nested
  class Mercedes {
    @Test
    void sessionEnergySumsTheIncrementsBetweenCounterResets() {
      // energy_charged 1, 9, 17, reset to 0.5, 8.5: increments 8 + 8 + 8 = 24; 24 / (0.50 × 64) = 0.75
      List<ProcessedPoint> pts = List.of(
          point(0, "soc", 30, "energy_charged", 1, "total_charging_duration", 0),
          point(10, "soc", 40, "energy_charged", 9),
          point(20, "soc", 50, "energy_charged", 17, "total_charging_duration", 1200),
          point(30, "soc", 60, "energy_charged", 0.5),
          point(40, "soc", 70, "energy_charged", 8.5),
          point(50, "soc", 80));
      PhaseResult r = only(Make.MERCEDES_BENZ, info(64.0, null), pts);
      assertEquals(0.75, r.sohRaw(), EPS);
      assertEquals(SohMethod.SESSION_ENERGY, r.sohMethod());
      assertEquals(8.5, r.energyChargedOem(), "the last energy_charged");
      assertEquals(1200.0, r.chargingDurationOem(), "the last total_charging_duration");
      assertEquals(24.0, SohFormulas.energyAddedWithResets(new double[] {1, 9, 17, 25}), EPS,
          "without a reset: last − min");
      assertNull(SohFormulas.energyAddedWithResets(new double[] {}));
    }

    /** 12 points every 10 min, soc 40 → 62; power 7 kW @0, 11 @30, 5 @90, 100 @110 (= datetime_end). */
    List<ProcessedPoint> chargePowerSeries(int n, double lastSoc) {
      List<ProcessedPoint> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        double soc = i == n - 1 ? lastSoc : 40 + 2 * i;
        double t = 10 * i;
        Double power = t == 0 ? Double.valueOf(7) : t == 30 ? Double.valueOf(11) : t == 90 ? Double.valueOf(5)
            : t == 110 ? Double.valueOf(100) : null;
        out.add(power == null ? point(t, "soc", soc) : point(t, "soc", soc, "charging_power", power));
      }
      return out;
    }

    @Test
    void chargePowerFallbackWithATimeWeightedRate() {
      // Durations 30, 60, 20 min (the 100 kW row lasts 0 and does not count):
      // rate_mean = (7·30 + 11·60 + 5·20) / 110 = 970/110 kW; duration_h = 110/60;
      // soh = (110/60) × (970/110) / 0.22 / 80 = 0.918560606…
      List<ProcessedPoint> pts = chargePowerSeries(12, 62);
      PhaseResult r = only(Make.MERCEDES_BENZ, info(80.0, null), pts);
      assertEquals(970.0 / 60 / 0.22 / 80, r.sohRaw(), EPS);
      assertEquals(0.918560606060606, r.sohRaw(), 1e-12);
      assertEquals(SohMethod.CHARGE_POWER, r.sohMethod());
      assertEquals(9.0, r.chargingPowerKw(), EPS, "median(7, 11, 5, 100)");
      assertEquals(0.22, r.level2(), EPS);
      assertEquals(970.0 / 110, SohFormulas.rateMean(r.phase(), PhaseRows.of(new PointSeries(pts), r.phase(),
          new PointSeries(pts).asOf("soc", 30))), EPS);
    }

    @Test
    void chargePowerNeedsMoreThanTenPointsSocLastBelow99AndSessionEnergyToBeMissing() {
      assertNull(only(Make.MERCEDES_BENZ, info(80.0, null), chargePowerSeries(10, 58)).sohRaw(), "10 points");
      assertEquals(SohMethod.CHARGE_POWER, only(Make.MERCEDES_BENZ, info(80.0, null), chargePowerSeries(11, 60))
          .sohMethod(), "11 points > 10");
      assertNull(only(Make.MERCEDES_BENZ, info(80.0, null), chargePowerSeries(12, 99)).sohRaw(),
          "soc_last 99 is not < 99");
    }
  }

  @Nested
  class Usage {
    List<ProcessedPoint> drive(Object... extra) {
      List<ProcessedPoint> pts = new ArrayList<>(List.of(
          point(0, "soc", 80, "odometer", 1000), point(20, "soc", 70, "odometer", 1020),
          point(40, "soc", 60, "odometer", 1040)));
      for (int i = 0; i < extra.length; i++) {
        pts.add((ProcessedPoint) extra[i]);
      }
      pts.sort(java.util.Comparator.comparing(ProcessedPoint::timestamp));
      return pts;
    }

    @Test
    void consumptionAndKmPerSocOfADischargingPhase() {
      // −(−20) × 50 / 40 km = 25 kWh/100 km; 40 km / 20 points = 2 km per point
      PhaseResult r = only(Make.KIA, info(50.0, null), drive());
      assertEquals(1000.0, r.odometerFirst());
      assertEquals(1040.0, r.odometerLast());
      assertEquals(40.0, r.odometerDiff());
      assertEquals(25.0, r.consumption(), EPS);
      assertEquals(2.0, r.ratioKmSoc(), EPS);
      assertEquals(0.0, r.level1() + r.level2() + r.level3());
      assertEquals(0.0, r.efc());
    }

    @Test
    void stellantisTimesTheLatestOemSohAndBmwPrefersItsOemMean() {
      // The OEM reading at −60 min is before the phase; the one at +50 min is after datetime_end (40 min).
      List<ProcessedPoint> st = drive(point(-60, "soh_oem", 0.9), point(50, "soh_oem", 0.5));
      assertEquals(22.5, only(Make.STELLANTIS, info(50.0, null), st).consumption(), EPS, "25 × 0.9");
      assertEquals(25.0, only(Make.STELLANTIS, info(50.0, null), drive()).consumption(), EPS, "no reading → × 1");
      List<ProcessedPoint> bmw = drive(point(10, "consumption_oem", 18), point(30, "consumption_oem", 20));
      assertEquals(19.0, only(Make.BMW, info(50.0, null), bmw).consumption(), EPS, "mean(18, 20)");
      assertEquals(25.0, only(Make.BMW, info(50.0, null), drive()).consumption(), EPS, "formula otherwise");
    }

    @Test
    void noConsumptionUnder5KmOrWhileCharging() {
      List<ProcessedPoint> shortDrive = List.of(point(0, "soc", 80, "odometer", 1000),
          point(20, "soc", 70, "odometer", 1005));
      PhaseResult r = only(Make.KIA, info(50.0, null), shortDrive);
      assertNull(r.consumption(), "5 km is not > 5");
      assertEquals(0.5, r.ratioKmSoc(), EPS);
    }

    @Test
    void theSohOemMedianIsInformational() {
      PhaseResult r = only(Make.BMW, info(50.0, null), drive(point(5, "soh_oem", 0.95), point(6, "soh_oem", 0.97),
          point(7, "soh_oem", 0.90)));
      assertEquals(0.95, r.sohOemMedian(), EPS);
      assertNull(r.sohRaw(), "bmw: OEM SoH only");
    }
  }

  @Test
  void theValidityRange() {
    Object[][] table = {{0.5, 0.5}, {1.5, 1.5}, {0.4999, null}, {1.5001, null}, {0.0, null},
        {Double.POSITIVE_INFINITY, null}, {Double.NEGATIVE_INFINITY, null}, {Double.NaN, null}, {null, null},
        {0.93, 0.93}};
    for (Object[] row : table) {
      assertEquals(row[1], SohFormulas.valid((Double) row[0], C), String.valueOf(row[0]));
    }
  }
}
