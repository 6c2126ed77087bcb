package com.evalue.pipelines.bench;

import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.temperature.TemperatureFits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What-if variants of the Renault temperature fit (spec pipeline.md §4.3), for {@code evalue bench loop
 * --renault-fit} only: the pipeline always uses the spec's fit. They measure what the spec rule costs in accuracy
 * (docs/accuracy.md); they change nothing in production.
 *
 * <ul>
 *   <li>{@code spec}: the spec's pooled OLS of soh_raw on temp_c per model ({@link TemperatureFits#fitAll});
 *   <li>{@code within}: the same slope fitted within vehicles (each VIN's own means removed);
 *   <li>{@code detrended}: within vehicles and with a linear time term, soh_raw = a_vin + b·t + slope·temp_c, so that
 *       ageing (SoH falling over the year) cannot leak into the temperature slope through the seasons;
 *   <li>{@code slope=V}: a fixed slope V per °C for every model (e.g. the simulator's 0.0015).
 * </ul>
 */
public final class RenaultFitExperiment {
  private RenaultFitExperiment() {}

  public static Map<String, TemperatureFit> fit(String variant, List<PhaseResult> results, AnalyticsConfig config) {
    Map<String, TemperatureFit> spec = TemperatureFits.fitAll(results, config);
    if (variant == null || variant.equals("spec")) {
      return spec;
    }
    Map<String, TemperatureFit> out = new TreeMap<>();
    if (variant.startsWith("slope=")) {
      double slope = Double.parseDouble(variant.substring("slope=".length()));
      spec.forEach((model, f) -> out.put(model, new TemperatureFit(model, slope, f.intercept(), f.n(), f.r2(),
          f.isValid())));
      return out;
    }
    if (!variant.equals("within") && !variant.equals("detrended")) {
      throw new IllegalArgumentException("unknown --renault-fit '" + variant
          + "'; expected spec, within, detrended or slope=V");
    }
    boolean trend = variant.equals("detrended");
    Map<String, Map<String, List<double[]>>> byModelVin = new TreeMap<>();
    for (PhaseResult r : results) {
      if (TemperatureFits.isFitInput(r)) {
        double years = (r.datetimeBegin().getEpochSecond() - Instant.EPOCH.getEpochSecond()) / (365.25 * 86_400);
        byModelVin.computeIfAbsent(r.model(), m -> new TreeMap<>()).computeIfAbsent(r.vin(), v -> new ArrayList<>())
            .add(new double[] {r.tempC(), years, r.sohRaw()});
      }
    }
    byModelVin.forEach((model, byVin) -> {
      double stt = 0;
      double sty = 0;
      double sTT = 0;
      double sTy = 0;
      double stT = 0;
      int n = 0;
      for (List<double[]> rows : byVin.values()) {
        double mT = 0;
        double mt = 0;
        double my = 0;
        for (double[] p : rows) {
          mT += p[0];
          mt += p[1];
          my += p[2];
        }
        mT /= rows.size();
        mt /= rows.size();
        my /= rows.size();
        for (double[] p : rows) {
          double dT = p[0] - mT;
          double dt = p[1] - mt;
          double dy = p[2] - my;
          sTT += dT * dT;
          sTy += dT * dy;
          stt += dt * dt;
          sty += dt * dy;
          stT += dt * dT;
          n++;
        }
      }
      double slope;
      if (trend) {
        double det = sTT * stt - stT * stT;
        slope = det == 0 ? Double.NaN : (sTy * stt - sty * stT) / det;
      } else {
        slope = sTT == 0 ? Double.NaN : sTy / sTT;
      }
      TemperatureFit s = spec.get(model);
      boolean valid = s != null && s.isValid() && Double.isFinite(slope);
      out.put(model, new TemperatureFit(model, Double.isFinite(slope) ? slope : null, s == null ? null : s.intercept(),
          n, s == null ? null : s.r2(), valid));
    });
    return out;
  }
}
