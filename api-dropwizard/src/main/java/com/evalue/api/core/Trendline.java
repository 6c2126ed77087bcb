package com.evalue.api.core;

/**
 * One stored curve {@code soh(km) = offset − a·ln(1 + km/b)} (schema.md {@code trendline}; results.md §2), read as
 * stored coefficients, never as an expression.
 */
public record Trendline(double a, double b, double offset) {
  public double at(double km) {
    return offset - a * Math.log1p(km / b);
  }
}
