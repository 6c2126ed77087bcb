package com.evalue.simulate.stellantis;

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
import com.evalue.simulate.fleet.SimulatedVehicle;
import com.evalue.simulate.physics.ChargeKind;
import com.evalue.simulate.physics.VehicleHistory;
import com.evalue.simulate.physics.VehicleState;
import com.evalue.simulate.random.Rng;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Mobilisights car states (spec: sources.md §5): camelCase members, {@code {value, unit, datetime}} and
 * {@code {percentage, datetime}} leaves, with per-vehicle unit habits (km or mi, °C or °F, Wh or kWh) and, for
 * some vehicles, the lower-case {@code externaltemperature} spelling.
 */
public final class StellantisEmitter implements SourceEmitter {
  private static final Cadence CADENCE = new Cadence(300, 0, 3600, 7200, 30_000, true);

  private final SimulatedVehicle vehicle;
  private final VehicleHistory history;
  private final SampleSchedule schedule;
  private final OemHealthReports oemHealth;
  private final boolean defects;
  private final Rng rng;
  private final boolean miles;
  private final boolean fahrenheit;
  private final boolean remainingInWh;
  private final boolean capacityInKwh;
  private final boolean rateInWatts;
  private final String temperatureMember;

  public StellantisEmitter(SimulatedVehicle vehicle, VehicleHistory history, long seed, boolean defects,
      Dropouts dropouts) {
    this.vehicle = vehicle;
    this.history = history;
    this.defects = defects;
    this.schedule = new SampleSchedule(history, CADENCE, seed, "stellantis-samples:" + vehicle.index(), dropouts);
    this.oemHealth = new OemHealthReports(history.health(), seed, vehicle.index());
    Rng config = Rng.derive(seed, "stellantis-config", vehicle.index());
    this.miles = config.chance(0.25);
    this.fahrenheit = config.chance(0.25);
    this.remainingInWh = config.chance(0.5);
    this.capacityInKwh = config.chance(0.2);
    this.rateInWatts = config.chance(0.1);
    this.temperatureMember = config.chance(0.3) ? "externaltemperature" : "externalTemperature";
    this.rng = Rng.derive(seed, "stellantis-values", vehicle.index());
  }

  @Override
  public void emitDay(LocalDate day, RecordSink sink) {
    for (Instant t : schedule.forDay(day)) {
      VehicleState s = history.stateAt(t);
      Instant sending = t.plusSeconds(3 + rng.nextInt(28));
      ObjectNode state = JsonRecord.MAPPER.createObjectNode();
      state.put("_id", rng.hex(24));
      state.put("vin", vehicle.vin());
      state.put("datetime", Formats.isoSeconds(t));
      state.put("datetimeSending", Formats.isoSeconds(sending));

      Instant moved = Formats.ceilToSecond(s.odometerSince());
      Instant odometerTime = moved.isAfter(t) ? t : moved;
      leaf(state.putObject("odometer"), Formats.round(miles ? s.odometerKm() / 1.609344 : s.odometerKm(), 1),
          miles ? "mi" : "km", odometerTime);
      double celsius = s.outsideTempC();
      leaf(state.putObject(temperatureMember),
          Formats.round(fahrenheit ? celsius * 1.8 + 32 : celsius, 1), fahrenheit ? "°F" : "°C", t);

      ObjectNode electricity = state.putObject("electricity");
      ObjectNode level = electricity.putObject("level");
      if (defects) {
        level.put("percentage", Math.round(s.socPct()));
      } else {
        level.put("percentage", Formats.round(s.socPct(), 1));
      }
      level.put("datetime", Formats.isoSeconds(t));
      double gross = vehicle.model().grossCapacityKwh();
      ObjectNode capacity = electricity.putObject("capacity");
      if (capacityInKwh) {
        leaf(capacity, gross, "kWh", t);
      } else {
        leafInt(capacity, Math.round(gross * 1000), "Wh", t);
      }
      double range = s.socPct() / 100 * vehicle.model().wltpRangeKm() * 0.85 * s.trueSoh();
      leafInt(electricity.putObject("residualAutonomy"), Math.round(range), "km", t);
      double remaining = s.energyStoredKwh() * (1 + rng.clippedNormal(0, 0.003, 0.01));
      ObjectNode energy = electricity.putObject("energyBatteryRemaining");
      if (remainingInWh) {
        leafInt(energy, Math.round(remaining * 1000), "Wh", t);
      } else {
        leaf(energy, Formats.round(remaining, 1), "kWh", t);
      }
      OemHealthReports.Reading soh = oemHealth.latestAt(t);
      ObjectNode health = electricity.putObject("battery").putObject("stateOfHealth");
      health.put("percentage", soh.percent());
      health.put("datetime", Formats.isoSeconds(soh.updatedAt()));

      ObjectNode charging = electricity.putObject("charging");
      charging.put("plugged", s.plugged());
      charging.put("status", !s.plugged() ? "disconnected" : s.charging() ? "in-progress" : "finished");
      charging.put("mode", !s.plugged() ? "no" : s.session().kind() == ChargeKind.DC ? "quick" : "slow");
      ObjectNode rate = charging.putObject("rate");
      if (rateInWatts) {
        rate.put("value", Math.round(s.batteryPowerKw() * 1000));
        rate.put("unit", "W");
      } else {
        rate.put("value", Formats.round(s.batteryPowerKw(), 1));
        rate.put("unit", "kW");
      }
      charging.put("datetime", Formats.isoSeconds(t));

      Instant received = sending.plusSeconds(5 + rng.nextInt(31));
      sink.accept(new EmittedRecord(PayloadKind.STELLANTIS_CAR_STATES, vehicle.index(), t, received,
          new JsonRecord(state, null)));
    }
  }

  private static void leaf(ObjectNode n, double value, String unit, Instant t) {
    n.put("value", value);
    n.put("unit", unit);
    n.put("datetime", Formats.isoSeconds(t));
  }

  private static void leafInt(ObjectNode n, long value, String unit, Instant t) {
    n.put("value", value);
    n.put("unit", unit);
    n.put("datetime", Formats.isoSeconds(t));
  }
}
