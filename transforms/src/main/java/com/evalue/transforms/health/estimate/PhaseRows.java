package com.evalue.transforms.health.estimate;

import com.evalue.transforms.health.config.ValueRange;
import com.evalue.transforms.health.normalise.PointSeries;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.health.stats.Quantiles;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * The points joined to one phase (spec: pipeline.md §4.1): every point of the VIN, null-SoC rows included, with
 * datetime_begin ≤ timestamp ≤ datetime_end (both inclusive), plus the VIN-wide as-of-paired SoC (§3.1 step 5).
 */
public final class PhaseRows {
  private final PointSeries series;
  private final int from;
  private final int to;
  private final double[] pairedSoc;

  PhaseRows(PointSeries series, int from, int to, double[] pairedSoc) {
    this.series = series;
    this.from = from;
    this.to = to;
    this.pairedSoc = pairedSoc;
  }

  /** The rows of {@code phase}; {@code pairedSoc} is {@link PointSeries#asOf} of {@code soc} over the VIN. */
  public static PhaseRows of(PointSeries series, Phase phase, double[] pairedSoc) {
    return new PhaseRows(series, series.firstAtOrAfter(phase.datetimeBegin()),
        series.endAtOrBefore(phase.datetimeEnd()), pairedSoc);
  }

  public int size() {
    return Math.max(0, to - from);
  }

  /** The non-null values of {@code signal} in timestamp order. */
  public double[] values(String signal) {
    double[] col = series.column(signal);
    double[] out = new double[size()];
    int k = 0;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(col[i])) {
        out[k++] = col[i];
      }
    }
    return Arrays.copyOf(out, k);
  }

  public @Nullable Double first(String signal) {
    double[] v = values(signal);
    return v.length == 0 ? null : v[0];
  }

  public @Nullable Double last(String signal) {
    double[] v = values(signal);
    return v.length == 0 ? null : v[v.length - 1];
  }

  public @Nullable Double min(String signal) {
    double[] v = values(signal);
    return v.length == 0 ? null : Arrays.stream(v).min().getAsDouble();
  }

  public @Nullable Double median(String signal) {
    return Quantiles.median(values(signal));
  }

  public @Nullable Double mean(String signal) {
    double[] v = values(signal);
    return v.length == 0 ? null : Arrays.stream(v).sum() / v.length;
  }

  /**
   * {@code signal / (soc/100)} for each row with a non-null {@code signal} whose as-of-paired SoC is inside
   * {@code window} (both bounds inclusive) and above 0.
   */
  public double[] perSocInWindow(String signal, ValueRange window) {
    double[] col = series.column(signal);
    double[] out = new double[size()];
    int k = 0;
    for (int i = from; i < to; i++) {
      double soc = pairedSoc[i];
      if (!Double.isNaN(col[i]) && !Double.isNaN(soc) && window.contains(soc) && soc > 0) {
        out[k++] = col[i] / (soc / 100.0);
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** The timestamps (epoch µs) and values of the rows with a non-null {@code signal}, in order. */
  long[] microsOf(String signal) {
    double[] col = series.column(signal);
    long[] out = new long[size()];
    int k = 0;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(col[i])) {
        out[k++] = series.micros(i);
      }
    }
    return Arrays.copyOf(out, k);
  }
}
