package com.evalue.simulate.physics;

import java.time.Instant;

/**
 * What a vehicle knows about its latest charging session of one kind at some instant.
 *
 * @param storedKwh energy stored in the battery so far (truth)
 * @param wallKwh AC: energy drawn at the charger (stored ÷ efficiency); DC: equal to storedKwh
 * @param meterBias relative error of the on-board session counter
 * @param seconds charging time so far
 * @param active power is flowing now
 */
public record SessionReading(
    ChargeKind kind, Instant start, double storedKwh, double wallKwh, double meterBias, double seconds,
    boolean active) {

  /** The stored-energy counter as the vehicle reports it. */
  public double measuredStoredKwh() {
    return storedKwh * (1 + meterBias);
  }

  /** The charger-side counter as the vehicle reports it. */
  public double measuredWallKwh() {
    return wallKwh * (1 + meterBias);
  }
}
