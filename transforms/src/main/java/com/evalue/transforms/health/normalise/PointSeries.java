package com.evalue.transforms.health.normalise;

import com.evalue.transforms.model.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A column view of one VIN's points, sorted by timestamp with one point per timestamp (spec: pipeline.md §3.1). A
 * null value is {@code NaN} in the arrays. Provides the as-of pairing of §3.1 step 5 and inclusive time ranges.
 */
public final class PointSeries {
  private final List<ProcessedPoint> points;
  private final long[] micros;
  private final Map<String, double[]> numbers = new HashMap<>();
  private final Map<String, boolean[]> invalid = new HashMap<>();

  public PointSeries(List<ProcessedPoint> sortedPoints) {
    this.points = List.copyOf(sortedPoints);
    this.micros = new long[points.size()];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = Timestamps.toEpochMicros(points.get(i).timestamp());
      if (i > 0 && micros[i] <= micros[i - 1]) {
        throw new IllegalArgumentException("points must be sorted with one point per timestamp");
      }
    }
  }

  public int size() {
    return micros.length;
  }

  public List<ProcessedPoint> points() {
    return points;
  }

  public ProcessedPoint point(int i) {
    return points.get(i);
  }

  public long micros(int i) {
    return micros[i];
  }

  /** The numeric column {@code signal}; NaN where null. Cached; do not modify. */
  public double[] column(String signal) {
    return numbers.computeIfAbsent(signal, s -> {
      double[] out = new double[micros.length];
      for (int i = 0; i < out.length; i++) {
        Double d = points.get(i).number(s);
        out[i] = d == null ? Double.NaN : d;
      }
      return out;
    });
  }

  /** True where {@code signal} was reported invalid. Cached; do not modify. */
  public boolean[] invalid(String signal) {
    return invalid.computeIfAbsent(signal, s -> {
      boolean[] out = new boolean[micros.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = points.get(i).isInvalid(s);
      }
      return out;
    });
  }

  /**
   * The as-of pairing (spec: pipeline.md §3.1 step 5): for each point, the value of {@code signal} at the latest
   * timestamp ≤ the point's timestamp, taken only when at most {@code maxAgeMinutes} older; NaN otherwise. An
   * invalid report of the signal counts as the latest value: the pairing gives NaN and never falls back past it.
   */
  public double[] asOf(String signal, double maxAgeMinutes) {
    double[] values = column(signal);
    boolean[] bad = invalid(signal);
    double maxAgeMicros = maxAgeMinutes * 60_000_000d;
    double[] out = new double[micros.length];
    int last = -1;
    for (int i = 0; i < out.length; i++) {
      if (!Double.isNaN(values[i]) || bad[i]) {
        last = i;
      }
      out[i] = last < 0 || bad[last] || (micros[i] - micros[last]) > maxAgeMicros ? Double.NaN : values[last];
    }
    return out;
  }

  /** The first index with timestamp ≥ {@code t} ({@link #size()} when none). */
  public int firstAtOrAfter(Instant t) {
    long m = Timestamps.toEpochMicros(t);
    int lo = 0;
    int hi = micros.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (micros[mid] < m) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** One past the last index with timestamp ≤ {@code t}. */
  public int endAtOrBefore(Instant t) {
    long m = Timestamps.toEpochMicros(t);
    int lo = 0;
    int hi = micros.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (micros[mid] <= m) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
