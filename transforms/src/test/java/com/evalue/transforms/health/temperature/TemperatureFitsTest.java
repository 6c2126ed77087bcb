package com.evalue.transforms.health.temperature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.temperature.TemperatureFits.FitPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemperatureFitsTest {
  private static final AnalyticsConfig C = AnalyticsConfig.defaults();

  private static List<FitPoint> line(int n) {
    // soh = 0.95 + 0.001 × (T − 20), T = 0 … n−1
    List<FitPoint> out = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      out.add(new FitPoint(0.95 + 0.001 * (t - 20), t));
    }
    return out;
  }

  @Test
  void olsOnAHandExampleIsInvalidBelowThirtyPoints() {
    TemperatureFit f = TemperatureFits.fit("zoe", List.of(new FitPoint(0.90, 0), new FitPoint(0.93, 10),
        new FitPoint(0.93, 20)), C);
    assertEquals(0.0015, f.slope(), 1e-12);
    assertEquals(0.905, f.intercept(), 1e-12);
    assertEquals(0.75, f.r2(), 1e-9);
    assertEquals(3, f.n());
    assertFalse(f.isValid(), "3 < 30 points");
  }

  @Test
  void validWithThirtyPointsAndTemperatureVariance() {
    TemperatureFit f = TemperatureFits.fit("zoe", line(30), C);
    assertEquals(0.001, f.slope(), 1e-12);
    assertEquals(0.93, f.intercept(), 1e-12);
    assertEquals(1.0, f.r2(), 1e-9);
    assertTrue(f.isValid());
    assertFalse(TemperatureFits.fit("zoe", line(29), C).isValid(), "29 < 30");
    List<FitPoint> sameTemp = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sameTemp.add(new FitPoint(0.9 + i * 0.001, 15));
    }
    TemperatureFit flat = TemperatureFits.fit("zoe", sameTemp, C);
    assertFalse(flat.isValid(), "var(temp_c) = 0");
    assertNull(flat.slope());
    List<FitPoint> shuffled = line(30);
    Collections.reverse(shuffled);
    assertEquals(f, TemperatureFits.fit("zoe", shuffled, C), "independent of input order");
  }

  @Test
  void aFitChangesWhenItAppearsDisappearsOrItsSlopeMovesByMoreThan1eMinus5() {
    TemperatureFit valid = new TemperatureFit("zoe", 0.001, 0.93, 40, 0.5, true);
    TemperatureFit close = new TemperatureFit("zoe", 0.001005, 0.93, 41, 0.5, true); // Δ 5e-6
    TemperatureFit far = new TemperatureFit("zoe", 0.00102, 0.93, 41, 0.5, true); // Δ 2e-5
    TemperatureFit invalid = new TemperatureFit("zoe", 0.004, 0.9, 12, 0.5, false);
    TemperatureFit invalid2 = new TemperatureFit("zoe", 0.009, 0.9, 13, 0.5, false);
    assertTrue(TemperatureFits.changed(null, valid, C), "appears");
    assertTrue(TemperatureFits.changed(invalid, valid, C), "becomes valid");
    assertTrue(TemperatureFits.changed(valid, null, C), "disappears");
    assertTrue(TemperatureFits.changed(valid, invalid, C), "becomes invalid");
    assertFalse(TemperatureFits.changed(valid, close, C));
    assertTrue(TemperatureFits.changed(valid, far, C));
    assertFalse(TemperatureFits.changed(invalid, invalid2, C), "invalid fits never correct anything");
    assertFalse(TemperatureFits.changed(null, invalid, C));
    assertEquals(List.of("captur", "zoe"), TemperatureFits.changedModels(
        Map.of("zoe", valid, "megane", valid), Map.of("zoe", far, "megane", close, "captur", valid), C));
  }
}
