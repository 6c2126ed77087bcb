package com.evalue.simulate.tesla;

import com.evalue.simulate.emit.Cadence;
import com.evalue.simulate.emit.Dropouts;
import com.evalue.simulate.emit.EmittedRecord;
import com.evalue.simulate.emit.Formats;
import com.evalue.simulate.emit.PayloadKind;
import com.evalue.simulate.emit.RecordSink;
import com.evalue.simulate.emit.SampleSchedule;
import com.evalue.simulate.emit.SourceEmitter;
import com.evalue.simulate.fleet.SensorBias;
import com.evalue.simulate.fleet.SimulatedVehicle;
import com.evalue.simulate.physics.Activity;
import com.evalue.simulate.physics.ChargeKind;
import com.evalue.simulate.physics.DcNetwork;
import com.evalue.simulate.physics.Segment;
import com.evalue.simulate.physics.SessionReading;
import com.evalue.simulate.physics.VehicleHistory;
import com.evalue.simulate.physics.VehicleState;
import com.evalue.simulate.random.Rng;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Tesla Fleet Telemetry as the vehicle streams it (spec: sources.md §2): one payload per report instant while
 * awake, carrying only the fields whose value changed (delta-only, §2.6.2), the full state after waking up; fields
 * below 179 as strings unless the vehicle prefers typed values; enums from 179 typed. With defects off, every
 * report carries the full state with typed values.
 */
public final class TeslaEmitter implements SourceEmitter {
  private static final double MILES_PER_KM = 1 / 1.609344;
  private static final long RECONNECT_GAP_SECONDS = 10 * 60;

  /** 1 + the vehicle's systematic BMS energy error ({@link SensorBias#energyContent()}). */
  private final double energyGain;
  private final SimulatedVehicle vehicle;
  private final VehicleHistory history;
  private final SampleSchedule schedule;
  private final boolean defects;
  private final Rng rng;
  private final PayloadKind kind;
  private final boolean typed;
  private final int socDecimals;
  private final boolean energyRemainingInformative;
  private final double energyRemainingConstant;
  private final double priorDcKwh;
  private final double priorAcKwh;
  private final Map<TeslaField, String> lastSent = new EnumMap<>(TeslaField.class);
  private Instant lastReport;
  private String lastSocText = "";
  private double energyRemainingNoise;

  public TeslaEmitter(SimulatedVehicle vehicle, VehicleHistory history, long seed, boolean defects,
      Dropouts dropouts, SensorBias bias) {
    this.vehicle = vehicle;
    this.energyGain = 1 + bias.energyContent();
    this.history = history;
    this.defects = defects;
    Rng config = Rng.derive(seed, "tesla-config", vehicle.index());
    int interval = new int[] {30, 45, 60}[config.nextInt(3)];
    int awake = (int) Math.round(config.uniform(600, 1200));
    Cadence cadence = new Cadence(interval, awake, 3 * 3600, 6 * 3600, 1000, false);
    this.schedule = new SampleSchedule(history, cadence, seed, "tesla-samples:" + vehicle.index(), dropouts);
    this.kind = vehicle.makeOrdinal() % 2 == 0 ? PayloadKind.TESLA_PROTO : PayloadKind.TESLA_JSON;
    // About a quarter of Teslas set prefer_typed; ordinals 2 (protobuf) and 5 (JSON) of every 8 cover both forms.
    this.typed = !defects || vehicle.makeOrdinal() % 8 == 2 || vehicle.makeOrdinal() % 8 == 5;
    this.socDecimals = defects ? (config.chance(0.5) ? 2 : 3) : 4;
    // ~30 % of Teslas compute EnergyRemaining from SoC: a "non-informative" field (spec: pipeline.md §4.2).
    this.energyRemainingInformative = !config.chance(0.3);
    this.energyRemainingConstant = Formats.round(config.uniform(0.93, 1.0), 3);
    // The counters hold the last session of each kind, which happened before the simulated period. Were they 0,
    // the reset to 0 at the first plug-in would be "unchanged" and, delta-only, never sent.
    this.priorDcKwh = Formats.round(config.uniform(15, 50), 2);
    this.priorAcKwh = Formats.round(config.uniform(5, 40), 2);
    this.rng = Rng.derive(seed, "tesla-values", vehicle.index());
  }

  public PayloadKind kind() {
    return kind;
  }

  @Override
  public void emitDay(LocalDate day, RecordSink sink) {
    for (Instant t : schedule.forDay(day)) {
      VehicleState s = history.stateAt(t);
      boolean reconnect =
          lastReport == null || t.getEpochSecond() - lastReport.getEpochSecond() > RECONNECT_GAP_SECONDS;
      lastReport = t;
      List<TeslaDatum> data = new ArrayList<>();
      for (Map.Entry<TeslaField, TeslaValue> e : measure(s).entrySet()) {
        TeslaField field = e.getKey();
        String text = e.getValue().toString();
        if (defects && !reconnect && text.equals(lastSent.get(field))) {
          continue; // delta-only: unchanged fields are not sent
        }
        TeslaValue value = defects && rng.chance(invalidShare(field)) ? new TeslaValue.Invalid() : e.getValue();
        data.add(new TeslaDatum(field, value));
        lastSent.put(field, value instanceof TeslaValue.Invalid ? "invalid" : text);
      }
      if (data.isEmpty()) {
        continue;
      }
      if (defects && data.size() >= 2 && rng.chance(0.12)) {
        int cut = 1 + rng.nextInt(data.size() - 1); // one instant split across two payloads (§2.6.2)
        send(sink, t, data.subList(0, cut));
        send(sink, t, data.subList(cut, data.size()));
      } else {
        send(sink, t, data);
      }
    }
  }

  private void send(RecordSink sink, Instant t, List<TeslaDatum> data) {
    TeslaPayload payload = new TeslaPayload(data, t, vehicle.vin(), false);
    Instant received = t.plusMillis(200 + rng.nextInt(2800));
    sink.accept(new EmittedRecord(kind, vehicle.index(), t, received,
        new TeslaRecord(payload, kind == PayloadKind.TESLA_JSON)));
  }

  private static double invalidShare(TeslaField field) {
    return switch (field) {
      case ENERGY_REMAINING -> 0.02;
      case OUTSIDE_TEMP, MODULE_TEMP_MAX, MODULE_TEMP_MIN -> 0.01;
      case SOC, BATTERY_LEVEL -> 0.002;
      case DC_CHARGING_ENERGY_IN, AC_CHARGING_ENERGY_IN -> 0.001;
      default -> 0.003;
    };
  }

  /** Every field's current value in the form this vehicle sends it. */
  private Map<TeslaField, TeslaValue> measure(VehicleState s) {
    Map<TeslaField, TeslaValue> v = new EnumMap<>(TeslaField.class);
    double soc = Formats.round(s.socPct(), socDecimals);
    String socText = Formats.fixed(soc, socDecimals);
    v.put(TeslaField.ODOMETER, number(s.odometerKm() * MILES_PER_KM, 3));
    v.put(TeslaField.SOC, number(soc, socDecimals));
    v.put(TeslaField.BATTERY_LEVEL, integer((int) Math.round(s.socPct())));
    SessionReading dc = s.lastDc();
    SessionReading ac = s.lastAc();
    v.put(TeslaField.DC_CHARGING_ENERGY_IN, number(dc == null ? priorDcKwh : dc.measuredStoredKwh(), 2));
    v.put(TeslaField.DC_CHARGING_POWER, number(s.dcCharging() ? s.batteryPowerKw() : 0, 1));
    v.put(TeslaField.AC_CHARGING_ENERGY_IN, number(ac == null ? priorAcKwh : ac.measuredWallKwh(), 2));
    v.put(TeslaField.AC_CHARGING_POWER, number(s.acCharging() ? s.wallPowerKw() : 0, 1));
    v.put(TeslaField.ENERGY_REMAINING, number(energyRemaining(s, soc, socText), 3));
    v.put(TeslaField.CHARGE_LIMIT_SOC, integer(vehicle.usage().chargeLimitSoc()));
    v.put(TeslaField.OUTSIDE_TEMP, temperature(Math.round(s.outsideTempC() * 2) / 2.0));
    double spread = 1.0 + 0.02 * s.batteryPowerKw();
    v.put(TeslaField.MODULE_TEMP_MAX, temperature(Math.round((s.batteryTempC() + spread) * 2) / 2.0));
    v.put(TeslaField.MODULE_TEMP_MIN, temperature(Math.round((s.batteryTempC() - spread) * 2) / 2.0));
    boolean dcPlugged = s.plugged() && s.session().kind() == ChargeKind.DC;
    v.put(TeslaField.FAST_CHARGER_PRESENT, typed
        ? new TeslaValue.BooleanValue(dcPlugged)
        : new TeslaValue.StringValue(Boolean.toString(dcPlugged)));
    v.put(TeslaField.CAR_TYPE, enumValue(TeslaEnum.CAR_TYPE, vehicle.model().teslaCarType()));
    v.put(TeslaField.CHARGE_PORT, enumValue(TeslaEnum.CHARGE_PORT, TeslaEnum.CHARGE_PORT.number("CCS")));
    v.put(TeslaField.BMS_STATE, TeslaValue.EnumValue.of(TeslaEnum.BMS_STATE, bmsState(s.activity())));
    v.put(TeslaField.DETAILED_CHARGE_STATE,
        TeslaValue.EnumValue.of(TeslaEnum.DETAILED_CHARGE_STATE, detailedChargeState(s)));
    v.put(TeslaField.CHARGING_CABLE_TYPE,
        TeslaValue.EnumValue.of(TeslaEnum.CABLE_TYPE, s.plugged() ? "IEC" : "SNA"));
    String fastCharger =
        !dcPlugged ? "SNA" : s.session().network() == DcNetwork.SUPERCHARGER ? "Supercharger" : "Combo";
    v.put(TeslaField.FAST_CHARGER_TYPE, TeslaValue.EnumValue.of(TeslaEnum.FAST_CHARGER, fastCharger));
    return v;
  }

  /**
   * Informative vehicles report the energy actually stored (SoC × net × SoH) with a little BMS noise (and the
   * vehicle's systematic error, if any); the others
   * report SoC × net × a constant, which carries no health information.
   */
  private double energyRemaining(VehicleState s, double soc, String socText) {
    if (!energyRemainingInformative) {
      return soc / 100 * vehicle.model().netCapacityKwh() * energyRemainingConstant;
    }
    if (!socText.equals(lastSocText)) {
      energyRemainingNoise = rng.clippedNormal(0, 0.04, 0.12); // BMS estimate noise, renewed when SoC moves
      lastSocText = socText;
    }
    return Math.max(0, s.energyStoredKwh() * energyGain + energyRemainingNoise);
  }

  private static String bmsState(Activity activity) {
    return switch (activity) {
      case DRIVING -> "Drive";
      case CHARGING -> "Charge";
      default -> "Standby";
    };
  }

  private static String detailedChargeState(VehicleState s) {
    if (!s.plugged()) {
      return "Disconnected";
    }
    if (s.activity() == Activity.CHARGE_COMPLETE) {
      Segment.Charging c = s.session();
      return c.socEnd() >= c.targetSoc() - 0.5 ? "Complete" : "Stopped";
    }
    return Segment.seconds(s.session().start(), s.time()) < 30 ? "Starting" : "Charging";
  }

  private TeslaValue number(double value, int decimals) {
    return typed
        ? new TeslaValue.DoubleValue(Formats.round(value, decimals))
        : new TeslaValue.StringValue(Formats.fixed(value, decimals));
  }

  private TeslaValue integer(int value) {
    return typed ? new TeslaValue.IntValue(value) : new TeslaValue.StringValue(Integer.toString(value));
  }

  private TeslaValue temperature(double value) {
    return typed ? new TeslaValue.FloatValue((float) value) : new TeslaValue.StringValue(Formats.fixed(value, 1));
  }

  /** Fields below 179 carry enums as typed values for typed vehicles and as their constant name otherwise. */
  private TeslaValue enumValue(TeslaEnum type, int number) {
    return typed ? new TeslaValue.EnumValue(type, number) : new TeslaValue.StringValue(type.constantName(number));
  }
}
