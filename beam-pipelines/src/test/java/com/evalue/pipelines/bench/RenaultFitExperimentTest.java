package com.evalue.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.temperature.TemperatureFit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenaultFitExperimentTest {
  private static final double SLOPE = 0.0015;
  private static final Instant T0 = Instant.parse("2025-11-24T10:00:00Z");

  /**
   * Two Zoes over 60 weeks: soh_raw = base − 0.02/year + 0.0015 × (T − 20), with T seasonal (peaking late, so it
   * correlates with time) and 5 °C warmer for the healthier vehicle.
   */
  private static List<PhaseResult> phases() {
    List<PhaseResult> out = new ArrayList<>();
    for (String vin : List.of("VF1AAAAAAAAAAAAA1", "VF1AAAAAAAAAAAAA2")) {
      boolean first = vin.endsWith("1");
      for (int i = 0; i < 60; i++) {
        double years = i * 7 / 365.25;
        double t = 10 + 10 * Math.sin(2 * Math.PI * (i / 52.0 - 0.3)) + (first ? 5 : 0);
        double soh = (first ? 0.95 : 0.90) - 0.02 * years + SLOPE * (t - 20);
        out.add(phase(vin, i, T0.plusSeconds(i * 7L * 86_400), soh, t));
      }
    }
    return out;
  }

  private static PhaseResult phase(String vin, int index, Instant begin, double soh, double temp) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("vin", vin);
    v.put("phase_index", index);
    v.put("datetime_begin", begin);
    v.put("datetime_end", begin.plusSeconds(3600));
    v.put("phase_status", "charging");
    v.put("soc_first", 40.0);
    v.put("soc_last", 80.0);
    v.put("soc_diff", 40.0);
    v.put("soc_points", 10);
    v.put("duration_minutes", 60.0);
    v.put("is_usable", true);
    v.put("make", "renault");
    v.put("model", "zoe");
    v.put("soh_raw", soh);
    v.put("soh_method", "energy_content");
    v.put("temp_c", temp);
    v.put("level_1", 0.0);
    v.put("level_2", 0.0);
    v.put("level_3", 0.0);
    v.put("efc", 0.4);
    return PhaseResult.COLUMNS.create(v);
  }

  @Test
  void detrendedWithinVehicleFitRecoversTheSlope() {
    AnalyticsConfig c = AnalyticsConfig.defaults();
    TemperatureFit spec = RenaultFitExperiment.fit("spec", phases(), c).get("zoe");
    TemperatureFit within = RenaultFitExperiment.fit("within", phases(), c).get("zoe");
    TemperatureFit detrended = RenaultFitExperiment.fit("detrended", phases(), c).get("zoe");
    assertTrue(spec.isValid());
    assertEquals(120, detrended.n());
    assertEquals(SLOPE, detrended.slope(), 1e-9);
    assertTrue(detrended.isValid());
    // The pooled fit mixes the vehicles' levels and the ageing; within vehicles only the ageing remains.
    assertNotEquals(SLOPE, spec.slope(), 1e-4);
    assertNotEquals(SLOPE, within.slope(), 1e-5);
    assertTrue(Math.abs(within.slope() - SLOPE) < Math.abs(spec.slope() - SLOPE));
  }

  @Test
  void fixedSlopeAndUnknownVariant() {
    AnalyticsConfig c = AnalyticsConfig.defaults();
    assertEquals(0.002, RenaultFitExperiment.fit("slope=0.002", phases(), c).get("zoe").slope(), 0);
    assertThrows(IllegalArgumentException.class, () -> RenaultFitExperiment.fit("magic", phases(), c));
  }
}
