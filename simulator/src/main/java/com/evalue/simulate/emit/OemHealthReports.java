package com.evalue.simulate.emit;

import com.evalue.simulate.physics.HealthCurve;
import com.evalue.simulate.random.Rng;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The OEM's own SoH figure: refreshed once a day at a vehicle-specific time, equal to the true SoH plus a small
 * per-vehicle offset and reading noise, rounded to an integer percent as OEMs do.
 */
public final class OemHealthReports {
  /** One daily OEM reading. {@code percent} is an integer percentage. */
  public record Reading(Instant updatedAt, int percent) {
    public double fraction() {
      return percent / 100.0;
    }
  }

  private final HealthCurve health;
  private final long seed;
  private final int vehicleIndex;
  private final double offset;
  private final int updateSecondOfDay;

  public OemHealthReports(HealthCurve health, long seed, int vehicleIndex) {
    this.health = health;
    this.seed = seed;
    this.vehicleIndex = vehicleIndex;
    Rng rng = Rng.derive(seed, "oem-soh", vehicleIndex);
    this.offset = rng.clippedNormal(0, 0.003, 0.006);
    this.updateSecondOfDay = (int) Math.round(rng.uniform(1 * 3600, 6 * 3600));
  }

  /** The latest reading published at or before {@code t}. */
  public Reading latestAt(Instant t) {
    LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
    Instant update = updateOf(day);
    return t.isBefore(update) ? readingOf(day.minusDays(1)) : readingOf(day);
  }

  public Instant updateOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(updateSecondOfDay);
  }

  private Reading readingOf(LocalDate day) {
    Instant update = updateOf(day);
    Rng rng = Rng.derive(seed, "oem-soh-day:" + vehicleIndex, day.toEpochDay());
    double value = health.at(update) + offset + rng.clippedNormal(0, 0.002, 0.005);
    return new Reading(update, (int) Math.round(value * 100));
  }
}
