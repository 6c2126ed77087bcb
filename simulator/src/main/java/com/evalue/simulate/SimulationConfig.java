package com.evalue.simulate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to simulate. The output is a pure function of these values: the same config gives byte-identical files.
 *
 * @param vehicles fleet size N (default {@value #DEFAULT_VEHICLES})
 * @param days number of simulated UTC days D (default {@value #DEFAULT_DAYS})
 * @param seed random seed S (default {@value #DEFAULT_SEED})
 * @param startDate first simulated UTC day; {@code null} means D days before today (UTC), so that all data is in
 *     the past and the last simulated day is yesterday
 * @param defects inject the transport and payload defects (default true)
 * @param outputDir OUT; {@code OUT/payloads} is replaced by each run
 * @param sensorBias standard deviation (a fraction, e.g. 0.01) of the per-vehicle systematic sensor errors of
 *     {@link com.evalue.simulate.fleet.SensorBias}; 0 (the default) leaves them out
 */
public record SimulationConfig(
    int vehicles, int days, long seed, LocalDate startDate, boolean defects, Path outputDir, double sensorBias) {
  public static final int DEFAULT_VEHICLES = 24;
  public static final int DEFAULT_DAYS = 28;
  public static final long DEFAULT_SEED = 42L;

  public SimulationConfig {
    if (vehicles < 1 || vehicles > 100_000) {
      throw new IllegalArgumentException("vehicles must be in [1, 100000], got " + vehicles);
    }
    if (days < 1 || days > 3660) {
      throw new IllegalArgumentException("days must be in [1, 3660], got " + days);
    }
    Objects.requireNonNull(outputDir, "outputDir");
    if (!(sensorBias >= 0 && sensorBias <= 0.1)) {
      throw new IllegalArgumentException("sensor bias must be in [0, 0.1] (a fraction), got " + sensorBias);
    }
  }

  /** Without systematic sensor errors. */
  public SimulationConfig(int vehicles, int days, long seed, LocalDate startDate, boolean defects, Path outputDir) {
    this(vehicles, days, seed, startDate, defects, outputDir, 0);
  }

  /** 24 vehicles, 28 days ending yesterday, seed 42, defects on. */
  public static SimulationConfig defaults(Path outputDir) {
    return new SimulationConfig(DEFAULT_VEHICLES, DEFAULT_DAYS, DEFAULT_SEED, null, true, outputDir);
  }

  /** The first simulated day: {@link #startDate()}, or {@code days} days before today in UTC. */
  public LocalDate effectiveStartDate(Clock clock) {
    return startDate != null ? startDate : LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).minusDays(days);
  }

  public LocalDate effectiveStartDate() {
    return effectiveStartDate(Clock.systemUTC());
  }

  public SimulationConfig withVehicles(int n) {
    return new SimulationConfig(n, days, seed, startDate, defects, outputDir, sensorBias);
  }

  public SimulationConfig withDays(int d) {
    return new SimulationConfig(vehicles, d, seed, startDate, defects, outputDir, sensorBias);
  }

  public SimulationConfig withSeed(long s) {
    return new SimulationConfig(vehicles, days, s, startDate, defects, outputDir, sensorBias);
  }

  public SimulationConfig withStartDate(LocalDate date) {
    return new SimulationConfig(vehicles, days, seed, date, defects, outputDir, sensorBias);
  }

  public SimulationConfig withDefects(boolean on) {
    return new SimulationConfig(vehicles, days, seed, startDate, on, outputDir, sensorBias);
  }

  public SimulationConfig withSensorBias(double sigma) {
    return new SimulationConfig(vehicles, days, seed, startDate, defects, outputDir, sigma);
  }

  public SimulationConfig withOutputDir(Path dir) {
    return new SimulationConfig(vehicles, days, seed, startDate, defects, dir, sensorBias);
  }
}
