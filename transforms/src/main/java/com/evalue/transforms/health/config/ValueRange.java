package com.evalue.transforms.health.config;

import java.io.Serializable;

/** A closed interval [lo, hi], e.g. a SoC window "lo ≤ soc ≤ hi" (spec: pipeline.md §4.2). */
public record ValueRange(double lo, double hi) implements Serializable {
  public ValueRange {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
      throw new IllegalArgumentException("a range needs finite lo ≤ hi, got [" + lo + ", " + hi + "]");
    }
  }

  public static ValueRange of(double lo, double hi) {
    return new ValueRange(lo, hi);
  }

  /** lo ≤ v ≤ hi (both bounds inclusive); false for NaN. */
  public boolean contains(double v) {
    return v >= lo && v <= hi;
  }

  @Override
  public String toString() {
    return "[" + lo + ", " + hi + "]";
  }
}
