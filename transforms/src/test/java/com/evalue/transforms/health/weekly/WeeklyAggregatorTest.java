package com.evalue.transforms.health.weekly;

import static com.evalue.transforms.health.Fixtures.VIN;
import static com.evalue.transforms.health.Fixtures.pointAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.model.Make;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pipeline.md §5: the weekly chain, with hand-computed values. */
class WeeklyAggregatorTest {
  /** The spec's starting floors (0.010), not the calibrated defaults, so that the intervals below stay hand-checked. */
  private static final AnalyticsConfig C = AnalyticsConfig.defaults()
      .withOverride("ci_method_floor.energy_content", "0.010").withOverride("ci_method_floor.oem", "0.010");
  private static final double EPS = 1e-9;
  private static final LocalDate W0 = LocalDate.parse("2024-01-01"); // a Monday

  private static LocalDate week(int k) {
    return W0.plusWeeks(k);
  }

  /** Tuesday 10:00 UTC of week k, plus {@code minutes}. */
  private static Instant tue(int k, double minutes) {
    return week(k).plusDays(1).atTime(10, 0).toInstant(ZoneOffset.UTC).plus(Duration.ofSeconds((long) (minutes
        * 60)));
  }

  private static int index = 0;

  /** A charging phase beginning on Tuesday of week k, soc_diff 20, 11 kW (level 2). */
  static PhaseResult phase(String make, int k, Double sohRaw, SohMethod method) {
    return phase(make, k, sohRaw, method, null, null, null, null, null);
  }

  static PhaseResult phase(String make, int k, Double sohRaw, SohMethod method, Double ac, Double bms,
      Boolean bmsInformative, Double consumption, Double odometerDiff) {
    PhaseStatus status = consumption == null ? PhaseStatus.CHARGING : PhaseStatus.DISCHARGING;
    double diff = status == PhaseStatus.CHARGING ? 20 : -20;
    return new PhaseResult(VIN, index++, tue(k, 0), tue(k, 60), status, 50, 50 + diff, diff, 5, 60, true,
        make, "model", null, null, 50.0, 400.0, null, null, odometerDiff,
        sohRaw, sohRaw == null ? null : method, ac, bms, bmsInformative, null, null, 11.0, consumption, null,
        0, status == PhaseStatus.CHARGING ? 0.2 : 0, 0, status == PhaseStatus.CHARGING ? 0.2 : 0, null, null);
  }

  private static List<WeeklyHealth> aggregate(Make make, List<PhaseResult> phases, List<ProcessedPoint> points,
      TemperatureFit fit, HealthCounters counters) {
    return WeeklyAggregator.aggregate(make, VIN, phases, points,
        new FleetInfo(VIN, "model", null, null, 50.0, 400.0), fit, C, counters);
  }

  @Test
  void outlierMonotoneAndPlausibilityChainWithMissingWeeks() {
    // SoH per week (one kia energy_content phase each): W2 has no phase (odometer only); W3 is an outlier.
    double[] soh = {0.97, 0.975, Double.NaN, 0.80, 0.96, 0.962, 0.955, 0.94};
    List<PhaseResult> phases = new ArrayList<>();
    List<ProcessedPoint> points = new ArrayList<>();
    for (int k = 0; k < soh.length; k++) {
      if (!Double.isNaN(soh[k])) {
        phases.add(phase("kia", k, soh[k], SohMethod.ENERGY_CONTENT));
        points.add(pointAt(tue(k, 0), "soc", 50));
      }
    }
    points.add(pointAt(tue(0, 1), "odometer", 10_000));
    points.add(pointAt(tue(2, 0), "odometer", 10_500));
    points.add(pointAt(tue(5, 1), "odometer", 11_000));
    points.add(pointAt(tue(7, 3000), "soc", 60)); // Thursday of W7: the latest data of that week
    points.add(pointAt(tue(9, 0), "soc", 60)); // W9: SoC only → no week row
    points.sort(java.util.Comparator.comparing(ProcessedPoint::timestamp));
    HealthCounters counters = new HealthCounters();
    List<WeeklyHealth> weeks = aggregate(Make.KIA, phases, points, null, counters);

    assertEquals(8, weeks.size(), "W0…W7; W9 has neither a phase, an odometer nor an OEM reading");
    for (int k = 0; k < 8; k++) {
      assertEquals(week(k), weeks.get(k).timestamp());
    }
    // Outlier removal leaves x = 0 1 4 5 6 7 with .97 .975 .96 .962 .955 .94.
    // PAV: (.97, .975) → .9725; (.96, .962) → .961. Cap 0.003/week: W4 ≥ .9725 − 3 × .003 = .9635,
    // W5 ≥ .9605 (iso .961 wins), W6 ≥ .958, W7 ≥ .955.
    Double[] expected = {0.9725, 0.9725, null, null, 0.9635, 0.961, 0.958, 0.955};
    double[] odometer = {10_000, 10_000, 10_500, 10_500, 10_500, 11_000, 11_000, 11_000};
    Integer[] cycles = {25, 25, 26, 26, 27, 28, 28, 28};
    for (int k = 0; k < 8; k++) {
      WeeklyHealth w = weeks.get(k);
      assertEquals(odometer[k], w.odometer(), "ffill then bfill: W" + k);
      assertEquals(cycles[k], w.cycles(), "W" + k);
      if (expected[k] == null) {
        assertNull(w.sohEstimated(), "W" + k + " stays null");
        assertNull(w.sohEstimatedCiLow());
        assertNull(w.sohEstimatedCiHigh());
        assertNull(w.sohEstimatedN());
        assertNull(w.sohMethod());
      } else {
        assertEquals(expected[k], w.sohEstimated(), EPS, "W" + k);
        assertEquals(1, w.sohEstimatedN());
        assertEquals(SohMethod.ENERGY_CONTENT, w.sohMethod());
        assertEquals(expected[k] - 0.010, w.sohEstimatedCiLow(), EPS, "n = 1: half = floor 0.010");
        assertEquals(expected[k] + 0.010, w.sohEstimatedCiHigh(), EPS);
      }
    }
    WeeklyHealth outlier = weeks.get(3);
    assertEquals(0.2, outlier.level2(), EPS, "the outlier week keeps its levels and cycles");
    assertEquals(0.2, outlier.chargedCycles(), EPS);
    WeeklyHealth noPhase = weeks.get(2);
    assertEquals(0.0, noPhase.level2());
    assertEquals(tue(2, 0), noPhase.timestampLastDataCollected());
    assertEquals(tue(7, 3000), weeks.get(7).timestampLastDataCollected());
    assertEquals(1, counters.get(HealthCounters.OUTLIER_WEEKS));
    assertEquals(8, counters.get(HealthCounters.WEEKS));
  }

  @Test
  void plausibilityClipsToOneAndTheCiStaysWithinZeroAndOne() {
    List<PhaseResult> phases = List.of(phase("kia", 0, 1.04, SohMethod.ENERGY_CONTENT),
        phase("kia", 1, 0.85, SohMethod.ENERGY_CONTENT), phase("kia", 1, 0.86, SohMethod.ENERGY_CONTENT));
    List<WeeklyHealth> weeks = aggregate(Make.KIA, phases, List.of(), null, new HealthCounters());
    // W0 1.04 → monotone (1.04, .855 capped at 1.04 − .003 = 1.037) → plausibility: 1.04 → 1.0; W1 1.037 → 1.0.
    assertEquals(1.0, weeks.get(0).sohEstimated());
    assertEquals(0.99, weeks.get(0).sohEstimatedCiLow(), EPS);
    assertEquals(1.0, weeks.get(0).sohEstimatedCiHigh(), EPS, "clipped to 1.0");
    assertEquals(1.0, weeks.get(1).sohEstimated());
    assertEquals(2, weeks.get(1).sohEstimatedN());
    assertNull(weeks.get(0).odometer());
    assertNull(weeks.get(0).cycles(), "no odometer");
  }

  @Test
  void aValueBelowThePlausibilityFloorBecomesNull() {
    List<PhaseResult> phases = List.of(phase("kia", 0, 0.70, SohMethod.ENERGY_CONTENT));
    List<ProcessedPoint> points = List.of(pointAt(tue(0, 0), "odometer", 100_000)); // floor 0.775
    WeeklyHealth w = aggregate(Make.KIA, phases, points, null, new HealthCounters()).get(0);
    assertNull(w.sohEstimated());
    assertNull(w.sohEstimatedCiLow());
    assertNull(w.sohEstimatedN());
    assertEquals(250, w.cycles(), "100 000 / 400 with soh 1");
  }

  @Test
  void teslaUsesDcEnergyThenBmsEnergyOfAnInformativeVinAndKeepsAcApart() {
    List<PhaseResult> phases = List.of(
        phase("tesla", 0, 0.95, SohMethod.DC_ENERGY, null, 0.90, true, null, null),
        phase("tesla", 0, 0.97, SohMethod.DC_ENERGY, null, null, true, null, null),
        phase("tesla", 1, null, null, null, 0.91, true, null, null),
        phase("tesla", 1, null, null, 0.93, 0.93, true, null, null),
        phase("tesla", 2, null, null, 0.93, null, true, null, null));
    List<WeeklyHealth> weeks = aggregate(Make.TESLA, phases, List.of(), null, new HealthCounters());
    assertEquals(0.96, weeks.get(0).sohEstimated(), EPS, "median of the dc estimates; bms ignored");
    assertEquals(2, weeks.get(0).sohEstimatedN());
    assertEquals(SohMethod.DC_ENERGY, weeks.get(0).sohMethod());
    // W1 has no dc estimate: bms .91 .93 → median .92; the drop from .96 is capped at .003: max(.92, .957).
    assertEquals(0.957, weeks.get(1).sohEstimated(), EPS, "bms .92, then the 0.003/week cap from .96");
    assertEquals(SohMethod.BMS_ENERGY, weeks.get(1).sohMethod());
    assertEquals(0.93, weeks.get(1).sohAcEstimate(), EPS);
    assertEquals(1, weeks.get(1).sohAcN());
    assertNull(weeks.get(2).sohEstimated(), "the AC estimate never feeds soh_estimated");
    assertEquals(0.93, weeks.get(2).sohAcEstimate(), EPS);

    List<PhaseResult> notInformative = List.of(phase("tesla", 1, null, null, null, 0.91, false, null, null));
    assertNull(aggregate(Make.TESLA, notInformative, List.of(), null, new HealthCounters()).get(0).sohEstimated());
  }

  @Test
  void oemSohIsTheMedianOfAllReadingsOfTheWeekWithItsInterval() {
    List<ProcessedPoint> points = List.of(pointAt(tue(0, 0), "soh_oem", 0.95),
        pointAt(tue(0, 10), "soh_oem", 0.99), pointAt(tue(0, 20), "soh_oem", 0.96),
        pointAt(tue(1, 0), "soh_oem", 1.19));
    List<WeeklyHealth> weeks = aggregate(Make.BMW, List.of(), points, null, new HealthCounters());
    WeeklyHealth w = weeks.get(0);
    assertEquals(0.96, w.sohOem(), EPS);
    assertEquals(3, w.sohOemN());
    // IQR = q(.75) − q(.25) = .975 − .955 = .02; half = √((1.57 × .02/√3)² + .01²) = 0.0207039449
    assertEquals(0.96 - 0.020703944873703032, w.sohOemCiLow(), 1e-12);
    assertEquals(0.96 + 0.020703944873703032, w.sohOemCiHigh(), 1e-12);
    assertEquals(1.2, weeks.get(1).sohOemCiHigh(), EPS, "1.19 + 0.01 clipped to 1.2");
    assertNull(w.sohEstimated());
    assertNull(w.cycles(), "no odometer");
  }

  @Test
  void weeklyConsumptionIsDistanceWeightedExceptForBmw() {
    List<PhaseResult> phases = List.of(
        phase("kia", 0, null, null, null, null, null, 20.0, 50.0),
        phase("kia", 0, null, null, null, null, null, 30.0, 10.0),
        phase("kia", 0, null, null, null, null, null, 150.0, 20.0), // c > 100: excluded
        phase("kia", 0, null, null, null, null, null, 25.0, 120.0)); // d ≥ 100 km: excluded
    // (20 × 50 + 30 × 10) / 60 = 21.666…
    assertEquals(1300.0 / 60, WeeklyAggregator.consumption(Make.KIA, phases, C), EPS);
    assertEquals(25.0, WeeklyAggregator.consumption(Make.BMW, phases, C), EPS, "median(20, 30, 25)");
    assertNull(WeeklyAggregator.consumption(Make.KIA, List.of(phases.get(2)), C));
    assertEquals(1300.0 / 60, aggregate(Make.KIA, phases, List.of(), null, new HealthCounters()).get(0)
        .consumption(), EPS);
  }

  @Test
  void renaultCorrectionWithAValidFit() {
    TemperatureFit fit = new TemperatureFit("model", 0.001, 0.93, 40, 0.4, true);
    PhaseResult cold = phase("renault", 0, 0.95, SohMethod.ENERGY_CONTENT);
    cold = withTemp(cold, 10.0);
    // 0.95 − 0.001 × (10 − 20) = 0.96
    RenaultCorrection.Corrected c = RenaultCorrection.apply(cold, fit, C);
    assertEquals(0.96, c.soh(), EPS);
    assertTrue(c.temperatureCorrected());
    assertEquals(0.95, RenaultCorrection.apply(withTemp(cold, null), fit, C).soh(), "no temp_c");
    assertEquals(0.95, RenaultCorrection.apply(cold, new TemperatureFit("model", 0.001, 0.93, 29, 0.4, false), C)
        .soh(), "invalid fit");
    assertEquals(0.96, aggregate(Make.RENAULT, List.of(cold), List.of(), fit, new HealthCounters()).get(0)
        .sohEstimated(), EPS);
  }

  private static PhaseResult withTemp(PhaseResult p, Double temp) {
    List<Object> v = new ArrayList<>(PhaseResult.COLUMNS.values(p));
    v.set(PhaseResult.COLUMNS.names().indexOf("temp_c"), temp);
    return PhaseResult.COLUMNS.create(v);
  }
}
