package com.evalue.simulate.bmw;

import com.evalue.simulate.emit.Dropouts;
import com.evalue.simulate.emit.EmittedRecord;
import com.evalue.simulate.emit.Formats;
import com.evalue.simulate.emit.JsonRecord;
import com.evalue.simulate.emit.OemHealthReports;
import com.evalue.simulate.emit.PayloadKind;
import com.evalue.simulate.emit.RecordSink;
import com.evalue.simulate.emit.SourceEmitter;
import com.evalue.simulate.fleet.SimulatedVehicle;
import com.evalue.simulate.physics.Activity;
import com.evalue.simulate.physics.VehicleHistory;
import com.evalue.simulate.physics.VehicleState;
import com.evalue.simulate.random.Rng;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * BMW CarData poll results (spec: sources.md §4.2) for vehicles linked through a customer account: one poll every
 * 30 minutes, so at most 48 per vehicle and UTC day. Each descriptor carries the time the backend last heard of
 * it; {@code charging.level} is the predicted SoC and is included so that the parser can prove it ignores it.
 */
public final class BmwCarDataEmitter implements SourceEmitter {
  public static final int POLLS_PER_DAY = 48;

  private final SimulatedVehicle vehicle;
  private final VehicleHistory history;
  private final OemHealthReports oemHealth;
  private final Dropouts dropouts;
  private final Rng rng;

  public BmwCarDataEmitter(SimulatedVehicle vehicle, VehicleHistory history, long seed, Dropouts dropouts) {
    this.vehicle = vehicle;
    this.history = history;
    this.dropouts = dropouts;
    this.oemHealth = new OemHealthReports(history.health(), seed, vehicle.index());
    this.rng = Rng.derive(seed, "bmw-cardata", vehicle.index());
  }

  @Override
  public void emitDay(LocalDate day, RecordSink sink) {
    Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int k = 0; k < POLLS_PER_DAY; k++) {
      Instant poll = midnight.plusSeconds(k * 1800L + rng.nextInt(20));
      if (poll.isBefore(history.start()) || dropouts.contains(poll)) {
        continue;
      }
      VehicleState now = history.stateAt(poll);
      boolean active = now.activity() == Activity.DRIVING || now.activity() == Activity.CHARGING;
      Instant dataTime = active
          ? poll.minusSeconds(5 + rng.nextInt(85))
          : later(Formats.ceilToSecond(now.statusSince()), poll.minusSeconds(rng.nextInt(3 * 3600)));
      if (dataTime.isBefore(history.start())) {
        dataTime = history.start();
      }
      VehicleState s = history.stateAt(dataTime);
      ObjectNode line = JsonRecord.MAPPER.createObjectNode();
      line.put("vin", vehicle.vin());
      ObjectNode data = line.putObject("telematicData");
      descriptor(data, "vehicle.drivetrain.batteryManagement.header", Long.toString(Math.round(s.socPct())), "%",
          dataTime);
      descriptor(data, "vehicle.vehicle.travelledDistance", Long.toString(Math.round(s.odometerKm())), "km",
          dataTime);
      OemHealthReports.Reading soh = oemHealth.latestAt(dataTime);
      descriptor(data, "vehicle.powertrain.electric.battery.stateOfHealth.displayed",
          Integer.toString(soh.percent()), "%", soh.updatedAt());
      descriptor(data, "vehicle.drivetrain.batteryManagement.maxEnergy", Formats.fixed(s.capacityKwh(), 1), "kWh",
          dataTime);
      descriptor(data, "vehicle.drivetrain.electricEngine.charging.status",
          BmwPushEmitter.chargingStatus(s.activity()), null, dataTime);
      descriptor(data, "vehicle.powertrain.electric.battery.charging.power",
          Long.toString(Math.round(s.batteryPowerKw() * 1000)), "W", dataTime);
      int phases = s.acCharging() ? s.session().acPhases() : 0;
      descriptor(data, "vehicle.drivetrain.electricEngine.charging.acVoltage", s.acCharging() ? "230" : "0", "V",
          dataTime);
      descriptor(data, "vehicle.drivetrain.electricEngine.charging.acAmpere",
          s.acCharging() ? Long.toString(Math.round(s.wallPowerKw() * 1000 / (230.0 * phases))) : "0", "A",
          dataTime);
      descriptor(data, "vehicle.drivetrain.electricEngine.charging.phaseNumber", Integer.toString(phases), null,
          dataTime);
      double consumption = history.recentConsumption(dataTime, 6);
      double range = s.energyStoredKwh()
          / (Double.isNaN(consumption) ? vehicle.model().baseConsumption() : consumption) * 100;
      descriptor(data, "vehicle.drivetrain.electricEngine.kombiRemainingElectricRange",
          Long.toString(Math.round(range)), "km", dataTime);
      descriptor(data, "vehicle.drivetrain.electricEngine.charging.level",
          Integer.toString(vehicle.usage().chargeLimitSoc()), "%", dataTime);
      Instant received = poll.plusMillis(200 + rng.nextInt(1800));
      sink.accept(new EmittedRecord(PayloadKind.BMW_CARDATA, vehicle.index(), dataTime, received,
          new JsonRecord(line, null)));
    }
  }

  private static void descriptor(ObjectNode data, String name, String value, String unit, Instant timestamp) {
    ObjectNode d = data.putObject(name);
    d.put("value", value);
    if (unit == null) {
      d.putNull("unit");
    } else {
      d.put("unit", unit);
    }
    d.put("timestamp", Formats.isoSeconds(timestamp));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
