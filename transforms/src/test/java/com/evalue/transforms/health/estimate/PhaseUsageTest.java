package com.evalue.transforms.health.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.evalue.transforms.health.Fixtures;
import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.segment.Phase;
import org.junit.jupiter.api.Test;

class PhaseUsageTest {
  private static final AnalyticsConfig C = AnalyticsConfig.defaults();

  private static Phase phase(PhaseStatus status, double socDiff) {
    return new Phase(Fixtures.VIN, 0, Fixtures.min(0), Fixtures.min(60), status, 40, 40 + socDiff, socDiff, 5, 60,
        true);
  }

  @Test
  void levelsByTheMedianChargingPower() {
    Phase charge = phase(PhaseStatus.CHARGING, 30);
    Object[][] table = {
        {7.9, new PhaseUsage.Levels(0.3, 0, 0)},
        {8.0, new PhaseUsage.Levels(0, 0.3, 0)},
        {45.0, new PhaseUsage.Levels(0, 0.3, 0)},
        {45.1, new PhaseUsage.Levels(0, 0, 0.3)},
        {null, PhaseUsage.Levels.NONE}, // no power: no level, never level 1
    };
    for (Object[] row : table) {
      assertEquals(row[1], PhaseUsage.levels(charge, (Double) row[0], C), String.valueOf(row[0]));
    }
    assertEquals(PhaseUsage.Levels.NONE, PhaseUsage.levels(phase(PhaseStatus.DISCHARGING, -30), 50.0, C));
    assertEquals(0.3, PhaseUsage.efc(charge), 1e-12);
    assertEquals(0.0, PhaseUsage.efc(phase(PhaseStatus.DISCHARGING, -30)));
    assertEquals(0.0, PhaseUsage.efc(phase(PhaseStatus.CHARGING, -1)), "a charging phase with soc_diff < 0");
  }
}
