package com.evalue.simulate.physics;

import java.time.Instant;

/**
 * The complete, true state of a vehicle at one instant. Emitters turn it into what each OEM reports.
 *
 * @param capacityKwh usable energy now = net capacity × true SoH
 * @param statusSince when the current activity (or the complete state) began
 * @param odometerSince when the odometer last changed (now while driving)
 * @param lastDc latest DC session up to now, or null
 * @param lastAc latest AC session up to now, or null
 * @param lastSession latest session of any kind, or null
 * @param session the current charging segment when plugged, else null
 */
public record VehicleState(
    Instant time,
    Activity activity,
    double socPct,
    double odometerKm,
    double trueSoh,
    double capacityKwh,
    double outsideTempC,
    double batteryTempC,
    double speedKmh,
    double wallPowerKw,
    double batteryPowerKw,
    Instant statusSince,
    Instant odometerSince,
    SessionReading lastDc,
    SessionReading lastAc,
    SessionReading lastSession,
    Segment.Charging session) {

  public boolean plugged() {
    return session != null;
  }

  public boolean charging() {
    return activity == Activity.CHARGING;
  }

  public boolean dcCharging() {
    return charging() && session.kind() == ChargeKind.DC;
  }

  public boolean acCharging() {
    return charging() && session.kind() == ChargeKind.AC;
  }

  /** Stored energy = SoC × usable capacity, kWh. */
  public double energyStoredKwh() {
    return socPct / 100.0 * capacityKwh;
  }
}
