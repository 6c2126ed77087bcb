package com.evalue.transforms.health.segment;

import static com.evalue.transforms.health.Fixtures.VIN;
import static com.evalue.transforms.health.Fixtures.min;
import static com.evalue.transforms.health.Fixtures.point;
import static com.evalue.transforms.health.Fixtures.socSeries;
import static com.evalue.transforms.health.PhaseStatus.CHARGING;
import static com.evalue.transforms.health.PhaseStatus.DISCHARGING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentationTest {
  private static final AnalyticsConfig C = AnalyticsConfig.defaults();
  /** pipeline.md §3.2 worked example: 10-minute spacing. */
  private static final double[] EXAMPLE = {50, 50, 52, 55, 60, 60, 59, 57, 57.2, 55};

  private static SegmentedHistory segment(Make make, List<ProcessedPoint> points) {
    return PhaseSegmenter.segment(make, VIN, points, C, new HealthCounters());
  }

  private static Phase phase(int index, double beginMin, double endMin, PhaseStatus status, double socFirst,
      double socLast, int points, boolean usable) {
    return new Phase(VIN, index, min(beginMin), min(endMin), status, socFirst, socLast, socLast - socFirst, points,
        endMin - beginMin, usable);
  }

  @Test
  void theWorkedExampleOfSection32StepByStep() {
    long[] micros = new long[EXAMPLE.length];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = Timestamps.toEpochMicros(min(10 * i));
    }
    SegmentationTrace t = Segmentation.segment(Make.KIA, EXAMPLE, micros, C);
    assertArrayEquals(new Integer[] {null, 0, 1, 1, 1, 0, -1, -1, 1, -1}, t.dir());
    assertArrayEquals(new int[] {0, 0, 1, 1, 1, 2, 3, 3, 4, 5}, t.naivePhase(), "P₁ shares P₂'s naive phase");
    // "Naive phase sums are 0 | 10 | 0 | −3 | 0.2 | −2.2"
    assertArrayEquals(new double[] {0, 10, 0, -3, 0.2, -2.2}, t.phaseSum(), 1e-9);
    // Step 6: P₁, P₂ and P₆ idle; P₉ absorbed by its discharging neighbours.
    assertArrayEquals(new PhaseStatus[] {null, null, CHARGING, CHARGING, CHARGING, null, DISCHARGING, DISCHARGING,
        DISCHARGING, DISCHARGING}, t.step6());
    // Step 7: P₂ becomes charging (P₃ is), P₆ discharging (P₇ is); P₁ stays idle (P₂ was idle at step 6).
    assertArrayEquals(new PhaseStatus[] {null, CHARGING, CHARGING, CHARGING, CHARGING, DISCHARGING, DISCHARGING,
        DISCHARGING, DISCHARGING, DISCHARGING}, t.status());
    assertArrayEquals(new Integer[] {null, 0, 0, 0, 0, 1, 1, 1, 1, 1}, t.phaseIndex());
  }

  @Test
  void theWorkedExampleGivesTwoPhases() {
    SegmentedHistory h = segment(Make.KIA, socSeries(10, EXAMPLE));
    // phase 0 charging P₂–P₅ 50 → 60; phase 1 discharging P₆–P₁₀ 60 → 55 (no extension: 60 = next soc_first).
    assertEquals(List.of(
        phase(0, 10, 40, CHARGING, 50, 60, 4, true),
        phase(1, 50, 90, DISCHARGING, 60, 55, 5, true)), h.phases());
    List<ProcessedPoint> p = h.points();
    assertNull(p.get(0).segStatus(), "P₁ is idle");
    assertNull(p.get(0).segPhaseIndex());
    assertEquals(CHARGING, p.get(1).segStatus());
    assertEquals(0, p.get(4).segPhaseIndex());
    assertEquals(DISCHARGING, p.get(5).segStatus());
    assertEquals(1, p.get(8).segPhaseIndex(), "P₉ (+0.2) joins the discharging phase");
  }

  @Test
  void rowsWithoutSocAreNotSegmentedButStayInThePoints() {
    List<ProcessedPoint> points = new ArrayList<>(socSeries(10, EXAMPLE));
    points.add(3, point(25, "odometer", 1000));
    SegmentedHistory h = segment(Make.KIA, points);
    assertEquals(11, h.points().size());
    assertNull(h.points().get(3).segStatus());
    assertEquals(2, h.phases().size());
  }

  @Test
  void extensionRuleADischargingPhaseEndsWhereTheNextChargingPhaseStarts() {
    // 80 70 60 55 65 75: P₄ (55) starts the charging phase one point earlier (step 7), so the discharging phase
    // ends at 60 > 55 and is extended to P₄: datetime_end = 30 min, soc_last = 55.
    SegmentedHistory h = segment(Make.KIA, socSeries(10, 80, 70, 60, 55, 65, 75));
    assertEquals(List.of(
        phase(0, 0, 30, DISCHARGING, 80, 55, 3, true),
        phase(1, 30, 50, CHARGING, 55, 75, 3, true)), h.phases());
  }

  @Test
  void fortyFiveMinuteSplitForBmwWithTheExtensionRuleAndNotForKia() {
    // Charging 50 55 60, then 100 min without data, then 70 75 80.
    List<ProcessedPoint> points = List.of(point(0, "soc", 50), point(10, "soc", 55), point(20, "soc", 60),
        point(120, "soc", 70), point(130, "soc", 75), point(140, "soc", 80));
    // bmw: a gap > 45 min starts a new phase; the first charging phase (60 < next 70) is extended to 120 min.
    assertEquals(List.of(
        phase(0, 0, 120, CHARGING, 50, 70, 3, true),
        phase(1, 120, 140, CHARGING, 70, 80, 3, true)), segment(Make.BMW, points).phases());
    // kia is not in gap_split_makes: one phase.
    assertEquals(List.of(phase(0, 0, 140, CHARGING, 50, 80, 6, true)), segment(Make.KIA, points).phases());
  }

  @Test
  void theGapSplitIsStrict() {
    List<ProcessedPoint> exactly45 = List.of(point(0, "soc", 50), point(10, "soc", 55), point(55, "soc", 60),
        point(65, "soc", 65));
    assertEquals(1, segment(Make.RENAULT, exactly45).phases().size(), "45 min is not > 45");
    double oneMs = 1.0 / 60_000;
    List<ProcessedPoint> over45 = List.of(point(0, "soc", 50), point(10, "soc", 55),
        point(55 + oneMs, "soc", 60), point(65, "soc", 65)); // 45 min + 1 ms
    assertEquals(2, segment(Make.RENAULT, over45).phases().size());
  }

  @Test
  void teslaMergesNaivePhasesShorterThanThreeMinutes() {
    // 50@0 52@2 54@4 53@5 56@7 58@9: the one-minute dip 54 → 53 is naive phase 1 (T = 1 min).
    List<ProcessedPoint> points = List.of(point(0, "soc", 50), point(2, "soc", 52), point(4, "soc", 54),
        point(5, "soc", 53), point(7, "soc", 56), point(9, "soc", 58));
    // Non-Tesla: the dip is a discharging phase of its own (D = −1), with extensions on both sides.
    assertEquals(List.of(
        phase(0, 0, 4, CHARGING, 50, 54, 2, true),
        phase(1, 4, 5, DISCHARGING, 54, 53, 1, false),
        phase(2, 5, 9, CHARGING, 53, 58, 3, true)), segment(Make.KIA, points).phases());
    // Tesla: naive phase 1 (1 min) merges into phase 0 (T = 4 min): one charging phase 50 → 58.
    long[] micros = points.stream().mapToLong(p -> Timestamps.toEpochMicros(p.timestamp())).toArray();
    SegmentationTrace t = Segmentation.segment(Make.TESLA, new double[] {50, 52, 54, 53, 56, 58}, micros, C);
    assertArrayEquals(new int[] {0, 0, 0, 1, 2, 2}, t.naivePhase());
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1}, t.phase());
    assertArrayEquals(new double[] {3, 5}, t.phaseSum(), 1e-9);
    assertEquals(List.of(phase(0, 0, 9, CHARGING, 50, 58, 6, true)), segment(Make.TESLA, points).phases());
  }

  @Test
  void aShortPhaseWithoutAPrecedingLongPhaseStaysAndPhasesAreRenumberedDensely() {
    // T: phase 0 = 0 (short, nothing before it), 1 = 6, 2 = 1 (→ 1), 3 = 6.
    int[] merged = Segmentation.mergeShortPhases(new int[] {0, 1, 1, 2, 3, 3},
        new double[] {Double.NaN, 1, 5, 1, 1, 5}, 3);
    assertArrayEquals(new int[] {0, 1, 1, 1, 2, 2}, merged);
  }

  @Test
  void phasesWithSocDiffZeroAreDroppedAndUsabilityNeedsTwoPointsAndAtMost1440Minutes() {
    // 60 60 61 60 with 10 min: naive sums 0 | 1 | −1. Step 6: P₃ charging, P₄ discharging. Step 7: P₂ takes
    // P₃'s charging, P₃ takes P₄'s discharging. So phase 0 is P₂ alone (60), extended to P₃ (60 < 61): one point,
    // not usable; phase 1 is P₃–P₄, 61 → 60.
    SegmentedHistory h = segment(Make.KIA, socSeries(10, 60, 60, 61, 60));
    assertEquals(List.of(
        phase(0, 10, 20, CHARGING, 60, 61, 1, false),
        phase(1, 20, 30, DISCHARGING, 61, 60, 2, true)), h.phases());
    // A single-point phase without extension has soc_diff = 0 and is dropped: 50 55 then (after 100 min) 60 on bmw.
    assertEquals(1, segment(Make.BMW, List.of(point(0, "soc", 50), point(10, "soc", 55), point(110, "soc", 60)))
        .phases().size());
    // A long charging phase: 2 points 1441 min apart is not usable; 1440 is.
    assertEquals(false, segment(Make.KIA, List.of(point(0, "soc", 20), point(1441, "soc", 30))).phases().get(0)
        .isUsable());
    assertEquals(true, segment(Make.KIA, List.of(point(0, "soc", 20), point(1440, "soc", 30))).phases().get(0)
        .isUsable());
    // A flat series gives no phase at all.
    assertEquals(List.of(), segment(Make.KIA, socSeries(10, 60, 60, 60)).phases());
  }
}
