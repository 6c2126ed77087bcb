package com.evalue.transforms.health.temperature;

import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.stats.LeastSquares;
import com.evalue.transforms.model.Make;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/** The Renault temperature fit (spec: pipeline.md §4.3) and its change test (§4.3 step 4). Pure. */
public final class TemperatureFits {
  private TemperatureFits() {}

  /** One fit input: a usable phase's soh_raw and temp_c. */
  public record FitPoint(double sohRaw, double tempC) {}

  /**
   * Step 1: the phase is a fit input when it is a usable Renault phase with a model and non-null soh_raw and
   * temp_c.
   */
  public static boolean isFitInput(PhaseResult r) {
    return Make.RENAULT.code().equals(r.make()) && r.model() != null && r.isUsable() && r.sohRaw() != null
        && r.tempC() != null;
  }

  /** Steps 1–2 over all Renault raw_results rows: one fit per model that has at least one input. */
  public static Map<String, TemperatureFit> fitAll(Iterable<PhaseResult> results, AnalyticsConfig config) {
    Map<String, List<FitPoint>> byModel = new TreeMap<>();
    for (PhaseResult r : results) {
      if (isFitInput(r)) {
        byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(new FitPoint(r.sohRaw(), r.tempC()));
      }
    }
    Map<String, TemperatureFit> out = new TreeMap<>();
    byModel.forEach((model, points) -> out.put(model, fit(model, points, config)));
    return out;
  }

  /**
   * Step 2: OLS soh_raw = intercept + slope × temp_c, valid only with ≥ 30 points and var(temp_c) &gt; 0. The points
   * are sorted first, so the result does not depend on their order.
   */
  public static TemperatureFit fit(String model, List<FitPoint> points, AnalyticsConfig config) {
    List<FitPoint> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(FitPoint::tempC).thenComparingDouble(FitPoint::sohRaw));
    double[] x = new double[sorted.size()];
    double[] y = new double[sorted.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = sorted.get(i).tempC();
      y[i] = sorted.get(i).sohRaw();
    }
    LeastSquares ols = LeastSquares.fit(x, y);
    boolean valid = ols.n() >= config.renaultTempMinPoints() && ols.varianceX() > 0 && ols.slope() != null;
    return new TemperatureFit(model, ols.slope(), ols.intercept(), ols.n(), ols.r2(), valid);
  }

  /**
   * Step 4: the fit of a model changed when a valid fit appears or disappears, or when both are valid and the slope
   * moved by more than {@code renault_slope_tolerance} per °C. Invalid fits never correct SoH, so a change between
   * two invalid fits is no change.
   */
  public static boolean changed(@Nullable TemperatureFit previous, @Nullable TemperatureFit current,
      AnalyticsConfig config) {
    boolean was = previous != null && previous.isValid();
    boolean is = current != null && current.isValid();
    if (was != is) {
      return true;
    }
    return was && Math.abs(current.slope() - previous.slope()) > config.renaultSlopeTolerance();
  }

  /** The models whose fit changed between two sets of fits (keys: model names). */
  public static List<String> changedModels(Map<String, TemperatureFit> previous,
      Map<String, TemperatureFit> current, AnalyticsConfig config) {
    TreeMap<String, Boolean> models = new TreeMap<>();
    previous.keySet().forEach(m -> models.put(m, true));
    current.keySet().forEach(m -> models.put(m, true));
    List<String> out = new ArrayList<>();
    for (String m : models.keySet()) {
      if (changed(previous.get(m), current.get(m), config)) {
        out.add(m);
      }
    }
    return out;
  }
}
