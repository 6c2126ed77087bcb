package com.evalue.simulate.physics;

import java.time.Duration;
import java.time.Instant;

/**
 * One stretch of a vehicle's life with a single activity. Segments are contiguous: each starts where the previous
 * one ended, with the same SoC, odometer and battery temperature. All boundaries are whole seconds.
 */
public sealed interface Segment permits Segment.Parked, Segment.Driving, Segment.Charging {
  Instant start();

  Instant end();

  double socAt(Instant t);

  double odometerAt(Instant t);

  /** Exponential relaxation of the battery temperature towards a target. */
  static double relax(double from, double target, double seconds, double tauSeconds) {
    return target + (from - target) * Math.exp(-Math.max(0, seconds) / tauSeconds);
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** Parked, unplugged: the SoC drains slowly (sentry, 12 V top-ups), nothing else changes. */
  record Parked(Instant start, Instant end, double socStart, double drainPctPerHour, double odometerKm,
      double batteryTempStart) implements Segment {
    @Override
    public double socAt(Instant t) {
      return Math.max(0, socStart - drainPctPerHour * seconds(start, t) / 3600);
    }

    @Override
    public double odometerAt(Instant t) {
      return odometerKm;
    }
  }

  /** A trip (or a leg of one) at a constant average speed: SoC and odometer change linearly. */
  record Driving(Instant start, Instant end, double socStart, double socEnd, double odometerStart,
      double odometerEnd, double batteryTempStart, double batteryTempTarget, double consumptionKwhPer100Km,
      double speedKmh) implements Segment {
    double fraction(Instant t) {
      double total = seconds(start, end);
      return total <= 0 ? 1 : Math.max(0, Math.min(1, seconds(start, t) / total));
    }

    @Override
    public double socAt(Instant t) {
      return socStart + (socEnd - socStart) * fraction(t);
    }

    @Override
    public double odometerAt(Instant t) {
      return odometerStart + (odometerEnd - odometerStart) * fraction(t);
    }

    public double km() {
      return odometerEnd - odometerStart;
    }
  }

  /**
   * A charging session: power flows from {@code start} to {@code chargeEnd}; the vehicle then stays plugged in
   * (complete) until {@code end}. The SoC follows the energy stored: ΔSoC/100 × capacity = stored kWh, where
   * capacity = net capacity × true SoH. AC sessions have constant power; DC sessions follow a tapering curve
   * sampled every {@link #DC_STEP_SECONDS} s.
   *
   * @param wallPowerKw AC: power drawn at the wall; DC: 0
   * @param efficiency AC: stored ÷ wall energy
   * @param meterBias relative error of the vehicle's session energy counter for this session
   * @param chargerMaxKw DC: the charger's rating
   */
  record Charging(Instant start, Instant chargeEnd, Instant end, ChargeKind kind, double socStart, double socEnd,
      double odometerKm, double capacityKwh, double wallPowerKw, double efficiency, double meterBias,
      int targetSoc, double chargerMaxKw, DcNetwork network, int acPhases, double[] dcSoc, double[] dcPowerKw,
      double batteryTempStart, double batteryTempTarget) implements Segment {
    public static final int DC_STEP_SECONDS = 15;

    public boolean isCharging(Instant t) {
      return t.isBefore(chargeEnd);
    }

    @Override
    public double socAt(Instant t) {
      if (!t.isBefore(chargeEnd)) {
        return socEnd;
      }
      double s = Math.max(0, seconds(start, t));
      if (kind == ChargeKind.AC) {
        double total = seconds(start, chargeEnd);
        return socStart + (socEnd - socStart) * (total <= 0 ? 1 : s / total);
      }
      double x = s / DC_STEP_SECONDS;
      int i = (int) Math.floor(x);
      if (i >= dcSoc.length - 1) {
        return dcSoc[dcSoc.length - 1];
      }
      return dcSoc[i] + (dcSoc[i + 1] - dcSoc[i]) * (x - i);
    }

    @Override
    public double odometerAt(Instant t) {
      return odometerKm;
    }

    /** Energy stored in the battery since the start of the session, kWh (the truth, without meter error). */
    public double storedKwhAt(Instant t) {
      return (socAt(t) - socStart) / 100.0 * capacityKwh;
    }

    /** Power flowing into the battery, kW. */
    public double batteryPowerKwAt(Instant t) {
      if (!isCharging(t) || t.isBefore(start)) {
        return 0;
      }
      if (kind == ChargeKind.AC) {
        return wallPowerKw * efficiency;
      }
      int i = (int) Math.floor(seconds(start, t) / DC_STEP_SECONDS);
      return dcPowerKw[Math.min(i, dcPowerKw.length - 1)];
    }
  }
}
