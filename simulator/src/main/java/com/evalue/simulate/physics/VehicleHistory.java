package com.evalue.simulate.physics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated life of one vehicle over the whole period, as contiguous {@link Segment}s, and the true state at
 * any instant. Every emitter reads the same history, so all sources of a vehicle tell one consistent story.
 */
public final class VehicleHistory {
  private final List<Segment> segments;
  private final long[] startMillis;
  private final int[] lastDc;
  private final int[] lastAc;
  private final Instant[] odometerSince;
  private final HealthCurve health;
  private final Climate climate;
  private final double netCapacityKwh;
  private final Instant start;
  private final Instant end;

  public VehicleHistory(List<Segment> segments, HealthCurve health, Climate climate, double netCapacityKwh,
      Instant start, Instant end) {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a history needs at least one segment");
    }
    this.segments = List.copyOf(segments);
    this.health = health;
    this.climate = climate;
    this.netCapacityKwh = netCapacityKwh;
    this.start = start;
    this.end = end;
    int n = segments.size();
    startMillis = new long[n];
    lastDc = new int[n];
    lastAc = new int[n];
    odometerSince = new Instant[n];
    int dc = -1;
    int ac = -1;
    Instant lastMove = start;
    for (int i = 0; i < n; i++) {
      Segment s = segments.get(i);
      startMillis[i] = s.start().toEpochMilli();
      if (s instanceof Segment.Charging c) {
        if (c.kind() == ChargeKind.DC) {
          dc = i;
        } else {
          ac = i;
        }
      }
      lastDc[i] = dc;
      lastAc[i] = ac;
      odometerSince[i] = lastMove;
      if (s instanceof Segment.Driving) {
        lastMove = s.end();
      }
    }
  }

  public List<Segment> segments() {
    return segments;
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  public HealthCurve health() {
    return health;
  }

  public Climate climate() {
    return climate;
  }

  public double netCapacityKwh() {
    return netCapacityKwh;
  }

  /** Index of the segment holding {@code t} (the first one for instants before the start). */
  public int indexAt(Instant t) {
    int i = Arrays.binarySearch(startMillis, t.toEpochMilli());
    if (i < 0) {
      i = -i - 2;
    }
    return Math.max(0, i);
  }

  /** Indices of the segments that overlap [from, to). */
  public List<Integer> overlapping(Instant from, Instant to) {
    List<Integer> out = new ArrayList<>();
    for (int i = indexAt(from); i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (!s.start().isBefore(to)) {
        break;
      }
      if (s.end().isAfter(from)) {
        out.add(i);
      }
    }
    return out;
  }

  public VehicleState stateAt(Instant t) {
    int i = indexAt(t);
    Segment seg = segments.get(i);
    double soh = health.at(t);
    double capacity = netCapacityKwh * soh;
    double outside = climate.outsideTempC(t);
    double dt = Segment.seconds(seg.start(), t);
    SessionReading dc = session(lastDc[i], t);
    SessionReading ac = session(lastAc[i], t);
    SessionReading last = dc == null ? ac : ac == null ? dc : dc.start().isAfter(ac.start()) ? dc : ac;
    if (seg instanceof Segment.Parked p) {
      return new VehicleState(t, Activity.PARKED, p.socAt(t), p.odometerKm(), soh, capacity, outside,
          Segment.relax(p.batteryTempStart(), outside, dt, 3 * 3600), 0, 0, 0, p.start(), odometerSince[i], dc, ac,
          last, null);
    }
    if (seg instanceof Segment.Driving d) {
      return new VehicleState(t, Activity.DRIVING, d.socAt(t), d.odometerAt(t), soh, capacity, outside,
          Segment.relax(d.batteryTempStart(), d.batteryTempTarget(), dt, 45 * 60), d.speedKmh(), 0, 0, d.start(), t,
          dc, ac, last, null);
    }
    Segment.Charging c = (Segment.Charging) seg;
    boolean charging = c.isCharging(t);
    double battery = c.batteryPowerKwAt(t);
    double wall = charging ? (c.kind() == ChargeKind.AC ? c.wallPowerKw() : battery) : 0;
    return new VehicleState(t, charging ? Activity.CHARGING : Activity.CHARGE_COMPLETE, c.socAt(t), c.odometerKm(),
        soh, capacity, outside, Segment.relax(c.batteryTempStart(), c.batteryTempTarget(), dt, 30 * 60), 0, wall,
        battery, charging ? c.start() : c.chargeEnd(), odometerSince[i], dc, ac, last, c);
  }

  private SessionReading session(int index, Instant t) {
    if (index < 0) {
      return null;
    }
    Segment.Charging c = (Segment.Charging) segments.get(index);
    Instant upTo = t.isBefore(c.chargeEnd()) ? t : c.chargeEnd();
    double stored = c.storedKwhAt(upTo);
    double wall = c.kind() == ChargeKind.AC ? stored / c.efficiency() : stored;
    return new SessionReading(c.kind(), c.start(), stored, wall, c.meterBias(), Segment.seconds(c.start(), upTo),
        c.isCharging(t));
  }

  /** Km-weighted mean consumption of the last few trips that ended at or before {@code t}, kWh/100 km. */
  public double recentConsumption(Instant t, int trips) {
    double energy = 0;
    double km = 0;
    int found = 0;
    for (int i = indexAt(t); i >= 0 && found < trips; i--) {
      if (segments.get(i) instanceof Segment.Driving d && !d.end().isAfter(t) && d.km() > 0.5) {
        energy += d.km() * d.consumptionKwhPer100Km();
        km += d.km();
        found++;
      }
    }
    return km > 0 ? energy / km : Double.NaN;
  }
}
