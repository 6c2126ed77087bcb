package com.evalue.simulate.highmobility;

import com.evalue.simulate.emit.Cadence;
import com.evalue.simulate.emit.Dropouts;
import com.evalue.simulate.emit.EmittedRecord;
import com.evalue.simulate.emit.Formats;
import com.evalue.simulate.emit.JsonRecord;
import com.evalue.simulate.emit.OemHealthReports;
import com.evalue.simulate.emit.PayloadKind;
import com.evalue.simulate.emit.RecordSink;
import com.evalue.simulate.emit.SampleSchedule;
import com.evalue.simulate.emit.SourceEmitter;
import com.evalue.simulate.fleet.SensorBias;
import com.evalue.simulate.fleet.SimulatedVehicle;
import com.evalue.simulate.physics.Activity;
import com.evalue.simulate.physics.SessionReading;
import com.evalue.simulate.physics.VehicleHistory;
import com.evalue.simulate.physics.VehicleState;
import com.evalue.simulate.random.Rng;
import com.evalue.transforms.model.Make;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * High Mobility Auto API v13 responses (spec: sources.md §3) for mercedes-benz, renault, volvo-cars, ford and kia:
 * one stored response about every 5 minutes while driving or charging and every 1–2 h while parked, plus one at
 * every change of activity. Percentages are 0–1 fractions; lengths, energies, powers and durations are unit-tagged.
 */
public final class HighMobilityEmitter implements SourceEmitter {
  /** Renault's reported energy content drifts with temperature: +0.0015 per °C above 20 °C (pipeline.md §4.3). */
  static final double RENAULT_TEMPERATURE_SLOPE = 0.0015;

  private static final Cadence CADENCE = new Cadence(300, 0, 3600, 7200, 40_000, true);

  private final SimulatedVehicle vehicle;
  private final SensorBias bias;
  private final Make make;
  private final VehicleHistory history;
  private final SampleSchedule schedule;
  private final OemHealthReports oemHealth;
  private final boolean defects;
  private final Rng rng;
  private final String brand;
  private final boolean sendsStateOfHealth;
  private final boolean usageFailure;
  private final boolean odometerInMiles;
  private final boolean durationInMinutes;
  private final boolean explicitNullFailure;
  private final int socDecimals;
  private final double priorSessionKwh;
  private final double priorSessionSeconds;

  public HighMobilityEmitter(SimulatedVehicle vehicle, VehicleHistory history, long seed, boolean defects,
      Dropouts dropouts, SensorBias bias) {
    this.vehicle = vehicle;
    this.bias = bias;
    this.make = vehicle.make();
    this.history = history;
    this.defects = defects;
    this.schedule = new SampleSchedule(history, CADENCE, seed, "hm-samples:" + vehicle.index(), dropouts);
    this.oemHealth = new OemHealthReports(history.health(), seed, vehicle.index());
    Rng config = Rng.derive(seed, "hm-config", vehicle.index());
    this.brand = make == Make.RENAULT && config.chance(0.25) ? "dacia" : make.code();
    this.sendsStateOfHealth = config.chance(0.5);
    this.usageFailure = config.chance(0.4);
    this.odometerInMiles = make == Make.FORD && config.chance(0.3);
    this.durationInMinutes = config.chance(0.3);
    this.explicitNullFailure = make == Make.KIA;
    this.socDecimals = defects ? 2 : 4;
    this.priorSessionKwh = Formats.round(config.uniform(8, 40), 2); // the session before the simulated period
    this.priorSessionSeconds = Math.round(config.uniform(1800, 5 * 3600));
    this.rng = Rng.derive(seed, "hm-values", vehicle.index());
  }

  @Override
  public void emitDay(LocalDate day, RecordSink sink) {
    for (Instant t : schedule.forDay(day)) {
      ObjectNode response = response(history.stateAt(t));
      Instant received = t.plusMillis(1000 + rng.nextInt(59_000));
      sink.accept(new EmittedRecord(PayloadKind.HM_JSON, vehicle.index(), t, received,
          new JsonRecord(response, "request_id")));
    }
  }

  private ObjectNode response(VehicleState s) {
    Instant t = s.time();
    ObjectNode root = JsonRecord.MAPPER.createObjectNode();
    root.put("brand", brand);
    root.put("vin", vehicle.vin());
    root.put("request_id", rng.uuid());

    ObjectNode charging = root.putObject("charging");
    if (defects && rng.chance(0.005)) {
      failure(charging.putObject("battery_level"), "rate_limit", "Too many requests, try again later", t);
    } else {
      property(charging, "battery_level", t).put("data", Formats.round(s.socPct() / 100, socDecimals));
    }
    property(charging, "status", statusSince(s)).put("data", status(s.activity()));
    unitValue(property(charging, "charging_rate", t), "kilowatts", Formats.round(s.batteryPowerKw(), 1));
    if (make == Make.RENAULT || make == Make.FORD || make == Make.KIA) {
      unitValue(property(charging, "battery_energy", t), "kilowatt_hours", Formats.round(batteryEnergy(s), 1));
    }
    if (make == Make.VOLVO_CARS) {
      double range = s.socPct() / 100 * vehicle.model().wltpRangeKm() * 0.87 * s.trueSoh()
          * (1 + bias.rangeEstimate()) * (1 + rng.clippedNormal(0, 0.004, 0.012));
      unitValue(property(charging, "estimated_range", t), "kilometers", (double) Math.round(range));
    }
    if (sendsStateOfHealth) {
      OemHealthReports.Reading r = oemHealth.latestAt(t);
      property(charging, "state_of_health", r.updatedAt()).put("data", r.fraction());
    }

    ObjectNode diagnostics = root.putObject("diagnostics");
    double odometer = odometerInMiles ? s.odometerKm() / 1.609344 : s.odometerKm();
    unitValue(property(diagnostics, "odometer", Formats.ceilToSecond(s.odometerSince())),
        odometerInMiles ? "miles" : "kilometers", (double) Math.round(odometer));

    if (make == Make.RENAULT) {
      unitValue(property(root.putObject("climate"), "outside_temperature", t), "celsius",
          reportedOutsideTemp(s));
    }
    if (make == Make.MERCEDES_BENZ) {
      ObjectNode session = root.putObject("charging_session");
      SessionReading last = s.lastSession();
      double seconds = last == null ? priorSessionSeconds : last.seconds();
      unitValue(property(session, "total_charging_duration", t), durationInMinutes ? "minutes" : "seconds",
          durationInMinutes ? Formats.round(seconds / 60, 1) : (double) Math.round(seconds));
      unitValue(property(session, "energy_charged", t), "kilowatt_hours",
          Formats.round(last == null ? priorSessionKwh : last.measuredStoredKwh(), 2));
    }
    if (usageFailure) {
      failure(root.putObject("usage").putObject("last_trip_battery_remaining"), "unsupported",
          "Not available for this vehicle", t);
    }
    return root;
  }

  /**
   * The stored energy; for Renault, the reported ratio energy ÷ (net × SoC) is SoH + 0.0015 × (T − 20) with T the
   * outside temperature it reports in the same response.
   */
  private double batteryEnergy(VehicleState s) {
    double ratio = s.trueSoh();
    if (make == Make.RENAULT) {
      ratio += RENAULT_TEMPERATURE_SLOPE * (reportedOutsideTemp(s) - 20);
    }
    return s.socPct() / 100 * vehicle.model().netCapacityKwh() * ratio * (1 + bias.energyContent())
        * (1 + rng.clippedNormal(0, 0.002, 0.006));
  }

  private static double reportedOutsideTemp(VehicleState s) {
    return Formats.round(s.outsideTempC(), 1);
  }

  private static Instant statusSince(VehicleState s) {
    return Formats.ceilToSecond(s.statusSince()).isAfter(s.time()) ? s.time() : Formats.ceilToSecond(s.statusSince());
  }

  private static String status(Activity activity) {
    return switch (activity) {
      case CHARGING -> "charging";
      case CHARGE_COMPLETE -> "charging_complete";
      default -> "not_charging";
    };
  }

  /** A property object {@code {data, timestamp}}; the caller adds {@code data}. Members are ordered data first. */
  private ObjectNode property(ObjectNode capability, String name, Instant timestamp) {
    ObjectNode p = capability.putObject(name);
    p.putNull("data");
    p.put("timestamp", Formats.isoMillis(timestamp));
    if (explicitNullFailure) {
      p.putNull("failure");
    }
    return p;
  }

  private static void unitValue(ObjectNode property, String unit, double value) {
    ObjectNode data = property.putObject("data");
    data.put("unit", unit);
    data.put("value", value);
  }

  private void failure(ObjectNode property, String reason, String description, Instant t) {
    ObjectNode f = property.putObject("failure");
    f.put("reason", reason);
    f.put("description", description);
    property.put("timestamp", Formats.isoMillis(t));
  }
}
