package com.evalue.simulate.bmw;

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
import com.evalue.simulate.physics.Activity;
import com.evalue.simulate.physics.VehicleHistory;
import com.evalue.simulate.physics.VehicleState;
import com.evalue.simulate.random.Rng;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * BMW push elements (spec: sources.md §4.1): {@code {vin, received_date, pushKeyValues:[{key, value, unit, info,
 * date_of_value}]}}, values always strings. The delivery book groups elements of several vehicles into one push
 * body per line.
 */
public final class BmwPushEmitter implements SourceEmitter {
  private static final Cadence CADENCE = new Cadence(600, 0, 2 * 3600, 4 * 3600, 20_000, true);

  private final SimulatedVehicle vehicle;
  private final VehicleHistory history;
  private final SampleSchedule schedule;
  private final OemHealthReports oemHealth;
  private final boolean defects;
  private final boolean infoMember;
  private final Rng rng;
  private LocalDate sohSentOn;

  public BmwPushEmitter(SimulatedVehicle vehicle, VehicleHistory history, long seed, boolean defects,
      Dropouts dropouts) {
    this.vehicle = vehicle;
    this.history = history;
    this.defects = defects;
    this.schedule = new SampleSchedule(history, CADENCE, seed, "bmw-push-samples:" + vehicle.index(), dropouts);
    this.oemHealth = new OemHealthReports(history.health(), seed, vehicle.index());
    this.infoMember = Rng.derive(seed, "bmw-config", vehicle.index()).chance(0.5);
    this.rng = Rng.derive(seed, "bmw-push-values", vehicle.index());
  }

  @Override
  public void emitDay(LocalDate day, RecordSink sink) {
    for (Instant t : schedule.forDay(day)) {
      VehicleState s = history.stateAt(t);
      Instant receivedDate = t.plusSeconds(5 + rng.nextInt(55));
      ObjectNode element = JsonRecord.MAPPER.createObjectNode();
      element.put("vin", vehicle.vin());
      element.put("received_date", Formats.isoSeconds(receivedDate));
      ArrayNode kvs = element.putArray("pushKeyValues");

      String soc = defects ? Formats.fixed(Math.round(s.socPct()), 1) : Formats.fixed(s.socPct(), 1);
      kv(kvs, "soc_hv_header", soc, "%", t);
      kv(kvs, "mileage", Long.toString(Math.round(s.odometerKm())), "km",
          Formats.ceilToSecond(s.odometerSince()).isAfter(t) ? t : Formats.ceilToSecond(s.odometerSince()));
      double consumption = history.recentConsumption(t, 6);
      if (Double.isNaN(consumption)) {
        consumption = vehicle.model().baseConsumption();
      }
      double range = s.energyStoredKwh() / consumption * 100;
      kv(kvs, "kombi_remaining_electric_range", Long.toString(Math.round(range)), "km", t);
      kv(kvs, "avg_electric_range_consumption", Formats.fixed(consumption, 1), "kWh/100 km", t);
      kv(kvs, "charging_status", chargingStatus(s.activity()), null, t);
      if (s.acCharging()) {
        int phases = s.session().acPhases();
        kv(kvs, "charging_ac_voltage", "230", "V", t);
        kv(kvs, "charging_ac_ampere", Long.toString(Math.round(s.wallPowerKw() * 1000 / (230.0 * phases))), "A", t);
      }
      OemHealthReports.Reading soh = oemHealth.latestAt(t);
      if (!day.equals(sohSentOn) && soh.updatedAt().isAfter(t.minusSeconds(86_400)) || rng.chance(0.2)) {
        kv(kvs, "hv_state_of_health", Integer.toString(soh.percent()), "%", soh.updatedAt());
        sohSentOn = day;
      }
      if (rng.chance(0.05)) {
        kv(kvs, "remaining_fuel", "0", "l", t); // ignored key (sources.md §4.1)
      }
      Instant received = receivedDate.plusMillis(100 + rng.nextInt(1400));
      sink.accept(new EmittedRecord(PayloadKind.BMW_PUSH, vehicle.index(), t, received,
          new JsonRecord(element, null)));
    }
  }

  private void kv(ArrayNode kvs, String key, String value, String unit, Instant dateOfValue) {
    ObjectNode kv = kvs.addObject();
    kv.put("key", key);
    kv.put("value", value);
    if (unit != null) {
      kv.put("unit", unit);
    }
    if (infoMember) {
      kv.putNull("info");
    }
    kv.put("date_of_value", Formats.isoSeconds(dateOfValue));
  }

  static String chargingStatus(Activity activity) {
    return switch (activity) {
      case CHARGING -> "CHARGINGACTIVE";
      case CHARGE_COMPLETE -> "CHARGINGENDED";
      default -> "NOCHARGING";
    };
  }
}
