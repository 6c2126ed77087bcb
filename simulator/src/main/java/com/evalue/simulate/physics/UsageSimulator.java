package com.evalue.simulate.physics;

import com.evalue.simulate.fleet.SensorBias;
import com.evalue.simulate.fleet.SimulatedVehicle;
import com.evalue.simulate.fleet.UsageProfile;
import com.evalue.simulate.fleet.VehicleModel;
import com.evalue.simulate.random.Rng;
import com.evalue.transforms.model.Make;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Simulates one vehicle over the whole period: plans trips day by day (commutes, errands, weekend outings, long
 * highway trips), then drives them in order, charging where the driver would (AC at home or work up to the charge
 * limit, DC fast charging en route and when no home charger is available). Energy is conserved throughout:
 * consumption and charging move the SoC by energy ÷ (net capacity × true SoH).
 */
public final class UsageSimulator {
  private static final int MAX_DC_MINUTES = 90;

  private enum Location { HOME, WORK, OTHER }

  private record PlannedTrip(Instant departure, double km, double speedKmh, Location destination) {}

  private final SimulatedVehicle vehicle;
  private final VehicleModel model;
  private final UsageProfile usage;
  private final Climate climate;
  private final HealthCurve health;
  private final Rng rng;
  private final Instant start;
  private final Instant end;
  private final LocalDate firstDay;
  private final int days;
  private final List<Segment> segments = new ArrayList<>();
  /** The vehicle's systematic charge-meter error, added to every session's own. */
  private final double vehicleMeterBias;

  private Instant t;
  private double soc;
  private double odometer;
  private double batteryTemp;
  private Location location = Location.HOME;

  public UsageSimulator(SimulatedVehicle vehicle, Climate climate, LocalDate firstDay, int days, long seed,
      SensorBias bias) {
    this.vehicleMeterBias = bias.sessionMeter();
    this.vehicle = vehicle;
    this.model = vehicle.model();
    this.usage = vehicle.usage();
    this.climate = climate;
    this.firstDay = firstDay;
    this.days = days;
    this.start = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
    this.end = firstDay.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    this.health = new HealthCurve(vehicle.sohAtStart(), vehicle.sohDeclinePerYear(), start);
    this.rng = Rng.derive(seed, "usage", vehicle.index());
  }

  public VehicleHistory run() {
    t = start;
    soc = usage.initialSoc();
    odometer = vehicle.startOdometerKm();
    batteryTemp = climate.outsideTempC(start);
    for (PlannedTrip trip : planTrips()) {
      Instant departure = later(trip.departure(), t.plusSeconds(120));
      if (!departure.isBefore(end)) {
        break;
      }
      dwell(departure);
      drive(trip.km(), trip.speedKmh());
      location = trip.destination();
      if (!t.isBefore(end)) {
        break;
      }
    }
    if (t.isBefore(end)) {
      dwell(end);
    }
    return new VehicleHistory(segments, health, climate, model.netCapacityKwh(), start, end);
  }

  // ---- planning ------------------------------------------------------------------------------------------------

  private List<PlannedTrip> planTrips() {
    List<PlannedTrip> trips = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      LocalDate date = firstDay.plusDays(d);
      Instant midnight = date.atStartOfDay(ZoneOffset.UTC).toInstant();
      boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (rng.chance(usage.longTripProb())) {
        double km = rng.uniform(180, 420);
        double speed = rng.uniform(95, 115);
        double depart = rng.uniform(6, 9);
        trips.add(new PlannedTrip(at(midnight, depart), km, speed, Location.OTHER));
        double back = depart + km / speed + 1.0 + rng.uniform(2, 6);
        trips.add(new PlannedTrip(at(midnight, back), km * rng.uniform(0.95, 1.05), speed, Location.HOME));
      } else if (!weekend && rng.chance(usage.workdayProb())) {
        planWorkday(trips, midnight);
      } else if (rng.chance(usage.weekendActivity())) {
        int outings = 1 + rng.nextInt(2);
        double h = rng.uniform(8, 11);
        for (int i = 0; i < outings; i++) {
          double km = rng.uniform(5, 45);
          double speed = rng.uniform(30, 70);
          trips.add(new PlannedTrip(at(midnight, h), km, speed, Location.OTHER));
          h += km / speed + rng.uniform(0.5, 3);
          trips.add(new PlannedTrip(at(midnight, h), km * rng.uniform(0.9, 1.1), speed, Location.HOME));
          h += km / speed + rng.uniform(1, 3);
        }
      }
    }
    trips.sort(Comparator.comparing(PlannedTrip::departure));
    return trips;
  }

  private void planWorkday(List<PlannedTrip> trips, Instant midnight) {
    double out = usage.departHour() + rng.normal(0, 0.35);
    trips.add(new PlannedTrip(at(midnight, out), usage.commuteKm() * rng.uniform(0.9, 1.12),
        rng.uniform(45, 65), Location.WORK));
    int errands = rng.poisson(usage.errandsPerDay());
    double h = out + 1.5;
    double lastErrandStart = usage.returnHour() - 0.75;
    for (int i = 0; i < errands && h < lastErrandStart; i++) {
      h += rng.uniform(0, (lastErrandStart - h) / Math.max(1, errands - i));
      double km = rng.uniform(3, usage.errandKm());
      double speed = rng.uniform(25, 45);
      trips.add(new PlannedTrip(at(midnight, h), km, speed, Location.OTHER));
      h += km / speed + rng.uniform(0.3, 1.0);
      trips.add(new PlannedTrip(at(midnight, h), km * rng.uniform(0.9, 1.1), speed, Location.WORK));
      h += km / speed + 0.2;
    }
    double back = Math.max(h + 0.2, usage.returnHour() + rng.normal(0, 0.4));
    trips.add(new PlannedTrip(at(midnight, back), usage.commuteKm() * rng.uniform(0.9, 1.12),
        rng.uniform(40, 60), Location.HOME));
    if (rng.chance(0.15)) {
      double evening = back + rng.uniform(2, 3.5);
      double km = rng.uniform(3, 15);
      trips.add(new PlannedTrip(at(midnight, evening), km, 35, Location.OTHER));
      trips.add(new PlannedTrip(at(midnight, evening + rng.uniform(0.5, 2)), km, 35, Location.HOME));
    }
  }

  // ---- execution -----------------------------------------------------------------------------------------------

  /** Stays put until {@code until}, charging if the driver would. */
  private void dwell(Instant until) {
    double hours = Segment.seconds(t, until) / 3600;
    if (soc < 8 || needsDc(hours)) {
      park(t.plusSeconds(Math.round(rng.uniform(180, 600))));
      chargeDc();
      if (t.isBefore(until)) {
        park(until);
      }
      return;
    }
    double acKw = acPowerHere(hours);
    if (acKw > 0) {
      Instant plug = t.plusSeconds(Math.round(rng.uniform(120, 720)));
      Instant unplug = until.minusSeconds(Math.round(rng.uniform(60, 300)));
      if (Segment.seconds(plug, unplug) > 20 * 60) {
        park(plug);
        chargeAc(acKw, unplug);
      }
    }
    park(until);
  }

  private boolean needsDc(double hours) {
    return switch (location) {
      case HOME, WORK -> !usage.hasHomeCharger() && soc < 35 && hours > 0.75;
      case OTHER -> (soc < 60 && hours > 0.4 && rng.chance(usage.dcTopUpProb()))
          || (!usage.hasHomeCharger() && soc < 35);
    };
  }

  private double acPowerHere(double hours) {
    if (soc >= usage.chargeLimitSoc() - 2) {
      return 0;
    }
    switch (location) {
      case HOME:
        if (usage.hasHomeCharger() && hours > 0.5 && (soc < usage.plugThresholdSoc() || rng.chance(0.15))) {
          return usage.homeChargerKw();
        }
        if (!usage.hasHomeCharger() && soc < 55 && hours > 2 && rng.chance(0.3)) {
          return Math.min(11, model.acMaxKw()); // public AC
        }
        return 0;
      case WORK:
        return usage.workCharging() && soc < 75 && hours > 1 ? Math.min(11, model.acMaxKw()) : 0;
      default:
        return 0;
    }
  }

  private void park(Instant until) {
    if (!until.isAfter(t)) {
      return;
    }
    double drainPerHour = usage.drainPctPerDay() / 24;
    Segment.Parked p = new Segment.Parked(t, until, soc, drainPerHour, odometer, batteryTemp);
    segments.add(p);
    batteryTemp = Segment.relax(batteryTemp, climate.outsideTempC(until), Segment.seconds(t, until), 3 * 3600);
    soc = p.socAt(until);
    t = until;
  }

  /** Drives {@code km}, stopping at DC fast chargers whenever the SoC would fall below the driver's trigger. */
  private void drive(double km, double speedKmh) {
    double remaining = km;
    for (int stops = 0; remaining > 0.05 && stops < 12; stops++) {
      double consumption = consumption(speedKmh, climate.outsideTempC(t));
      double capacity = model.netCapacityKwh() * health.at(t);
      double possible = (soc - usage.dcTriggerSoc()) / 100 * capacity / consumption * 100;
      if (possible >= remaining) {
        driveLeg(remaining, speedKmh, consumption, capacity);
        return;
      }
      if (possible > 1) {
        driveLeg(possible, speedKmh, consumption, capacity);
        remaining -= possible;
      }
      park(t.plusSeconds(Math.round(rng.uniform(60, 240))));
      chargeDc();
      park(t.plusSeconds(Math.round(rng.uniform(60, 300))));
    }
  }

  private void driveLeg(double km, double speedKmh, double consumption, double capacity) {
    long seconds = Math.max(60, Math.round(km / speedKmh * 3600));
    Instant arrival = t.plusSeconds(seconds);
    double socEnd = soc - km * consumption / 100 / capacity * 100;
    double target = climate.outsideTempC(t) + 8;
    segments.add(new Segment.Driving(t, arrival, soc, socEnd, odometer, odometer + km, batteryTemp, target,
        consumption, speedKmh));
    batteryTemp = Segment.relax(batteryTemp, target, seconds, 45 * 60);
    soc = socEnd;
    odometer += km;
    t = arrival;
  }

  /** Battery-side consumption, kWh/100 km: model base × speed (aero) × temperature (heating/cooling) × noise. */
  private double consumption(double speedKmh, double outsideC) {
    double speed = 0.92 + 0.00003 * speedKmh * speedKmh;
    double temperature = outsideC < 18 ? 1 + 0.012 * (18 - outsideC) : outsideC > 26 ? 1 + 0.006 * (outsideC - 26) : 1;
    double c = model.baseConsumption() * speed * temperature * (1 + rng.clippedNormal(0, 0.04, 0.1));
    return Math.max(11, Math.min(30, c));
  }

  private void chargeAc(double wallKw, Instant unplug) {
    int limit = usage.chargeLimitSoc();
    double wall = wallKw * rng.uniform(0.96, 1.0);
    double efficiency = rng.clippedNormal(0.90, 0.012, 0.03);
    double capacity = model.netCapacityKwh() * health.at(t);
    double hoursNeeded = (limit - soc) / 100 * capacity / (wall * efficiency);
    Instant chargeEnd = t.plusSeconds(Math.round(hoursNeeded * 3600));
    if (chargeEnd.isAfter(unplug)) {
      chargeEnd = unplug;
    }
    if (Segment.seconds(t, chargeEnd) < 120) {
      return;
    }
    double socEnd = soc + wall * efficiency * Segment.seconds(t, chargeEnd) / 3600 / capacity * 100;
    double targetTemp = climate.outsideTempC(t) + 6;
    segments.add(new Segment.Charging(t, chargeEnd, unplug, ChargeKind.AC, soc, socEnd, odometer, capacity, wall,
        efficiency, sessionMeterError(), limit, 0, null, wall >= 10 ? 3 : 1, null, null, batteryTemp,
        targetTemp));
    batteryTemp = Segment.relax(batteryTemp, targetTemp, Segment.seconds(t, unplug), 30 * 60);
    soc = socEnd;
    t = unplug;
  }

  /** One session's meter error: its own (0.6 %) plus the vehicle's systematic one. */
  private double sessionMeterError() {
    return rng.clippedNormal(0, 0.006, 0.015) + vehicleMeterBias;
  }

  private void chargeDc() {
    boolean tesla = model.make() == Make.TESLA;
    DcNetwork network = tesla && rng.chance(0.8) ? DcNetwork.SUPERCHARGER : DcNetwork.CCS;
    double chargerKw = network == DcNetwork.SUPERCHARGER
        ? (rng.chance(0.6) ? 250 : 150)
        : new double[] {50, 150, 300}[rng.weighted(0.25, 0.45, 0.3)];
    double target = Math.min(92, Math.max(rng.uniform(70, 85), soc + 15));
    double capacity = model.netCapacityKwh() * health.at(t);
    int maxSteps = MAX_DC_MINUTES * 60 / Segment.Charging.DC_STEP_SECONDS;
    double[] socs = new double[maxSteps + 1];
    double[] powers = new double[maxSteps + 1];
    double s = soc;
    double temp = batteryTemp;
    double peakTempTarget = 0;
    int n = 0;
    while (n < maxSteps && (s < target || n < 2)) {
      double p = Math.min(chargerKw, model.dcMaxKw() * taper(s) * coldFactor(temp))
          * (1 + rng.clippedNormal(0, 0.01, 0.03));
      socs[n] = s;
      powers[n] = p;
      s += p * Segment.Charging.DC_STEP_SECONDS / 3600 / capacity * 100;
      double tempTarget = Math.min(45, 28 + p / 10);
      peakTempTarget = Math.max(peakTempTarget, tempTarget);
      temp = Segment.relax(temp, tempTarget, Segment.Charging.DC_STEP_SECONDS, 30 * 60);
      n++;
    }
    socs[n] = s;
    powers[n] = powers[n - 1];
    Instant chargeEnd = t.plusSeconds((long) n * Segment.Charging.DC_STEP_SECONDS);
    Instant unplug = chargeEnd.plusSeconds(Math.round(rng.uniform(60, 240)));
    segments.add(new Segment.Charging(t, chargeEnd, unplug, ChargeKind.DC, soc, s, odometer, capacity, 0, 1.0,
        sessionMeterError(), (int) Math.round(target), chargerKw, network, 0,
        java.util.Arrays.copyOf(socs, n + 1), java.util.Arrays.copyOf(powers, n + 1), batteryTemp, peakTempTarget));
    batteryTemp = temp;
    soc = s;
    t = unplug;
  }

  /** DC power as a fraction of the vehicle's peak: full up to 50 %, tapering to 45 % at 80 % and 12 % at 100 %. */
  static double taper(double soc) {
    if (soc < 10) {
      return 0.85;
    }
    if (soc <= 50) {
      return 1.0;
    }
    if (soc <= 80) {
      return 1.0 - 0.55 * (soc - 50) / 30;
    }
    return Math.max(0.1, 0.45 - 0.33 * (soc - 80) / 20);
  }

  private static double coldFactor(double batteryTempC) {
    if (batteryTempC >= 20) {
      return 1;
    }
    return batteryTempC <= 0 ? 0.45 : 0.45 + 0.55 * batteryTempC / 20;
  }

  private static Instant at(Instant midnight, double hours) {
    return midnight.plusSeconds(Math.round(hours * 3600));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
