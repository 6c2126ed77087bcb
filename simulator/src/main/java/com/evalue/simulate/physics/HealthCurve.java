package com.evalue.simulate.physics;

import java.time.Instant;

/** The true state of health: smooth, linear in time, starting at {@code sohAtStart} at {@code start}. */
public record HealthCurve(double sohAtStart, double declinePerYear, Instant start) {
  private static final double SECONDS_PER_YEAR = 365.25 * 86_400;

  public double at(Instant t) {
    return sohAtStart - declinePerYear * (t.getEpochSecond() - start.getEpochSecond()) / SECONDS_PER_YEAR;
  }
}
