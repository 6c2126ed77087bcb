package com.evalue.transforms.source.bmw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.ChangeHash;
import com.evalue.transforms.source.DecodeResult;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.SignalDecoder;
import com.evalue.transforms.source.SignalValue;
import com.evalue.transforms.source.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BmwCarDataTest {
  static final String VIN = "WBY8P210X07K12345";
  static final Instant RECEIVED_AT = Instant.parse("2025-06-14T10:00:00Z");

  static final String RESPONSE = """
      {"vin":"WBY8P210X07K12345","telematicData":{
        "vehicle.drivetrain.batteryManagement.header":{"value":"64","unit":"%","timestamp":"2025-06-14T09:40:00Z"},
        "vehicle.vehicle.travelledDistance":{"value":"21900","unit":"km","timestamp":"2025-06-14T09:41:00Z"},
        "vehicle.powertrain.electric.battery.stateOfHealth.displayed":{"value":"95","unit":"%","timestamp":"2025-06-10T00:00:00Z"},
        "vehicle.drivetrain.batteryManagement.maxEnergy":{"value":"70.2","unit":"kWh","timestamp":"2025-06-14T09:40:00Z"},
        "vehicle.drivetrain.electricEngine.charging.status":{"value":"CHARGINGACTIVE","unit":null,"timestamp":"2025-06-14T09:40:00Z"},
        "vehicle.powertrain.electric.battery.charging.power":{"value":"11000","unit":"W","timestamp":"2025-06-14T09:42:00Z"},
        "vehicle.drivetrain.electricEngine.charging.acVoltage":{"value":"230","unit":"V","timestamp":"2025-06-14T09:40:00Z"},
        "vehicle.drivetrain.electricEngine.charging.acAmpere":{"value":"16","unit":"A","timestamp":"2025-06-14T09:40:00Z"},
        "vehicle.drivetrain.electricEngine.charging.phaseNumber":{"value":"3","unit":"","timestamp":"2025-06-14T09:40:00Z"},
        "vehicle.drivetrain.electricEngine.kombiRemainingElectricRange":{"value":"250","unit":"km","timestamp":"2025-06-14T09:40:00Z"},
        "vehicle.drivetrain.electricEngine.charging.level":{"value":"80","unit":"%","timestamp":"2025-06-14T09:43:00Z"}}}
      """;

  private static Envelope accepted(String json) {
    List<Extracted> out = EnvelopeExtractor.extract(Make.BMW, PayloadFormat.BMW_CARDATA_JSON,
        json.getBytes(StandardCharsets.UTF_8), Transport.of(RECEIVED_AT, "poll:cardata-1"));
    assertEquals(1, out.size());
    return assertInstanceOf(Extracted.Accepted.class, out.get(0), () -> "accepted expected: " + out).envelope();
  }

  @Test
  void oneEnvelopeAtTheGreatestDescriptorTimestampStoredAsReceived() {
    Envelope e = accepted(RESPONSE);
    assertEquals(VIN, e.vin());
    assertEquals(Instant.parse("2025-06-14T09:43:00Z"), e.eventTime());
    assertArrayEquals(RESPONSE.getBytes(StandardCharsets.UTF_8), e.payload());
  }

  @Test
  void descriptorsDecodeToTheTableSignalsAndChargingLevelIsNeverSoc() {
    DecodeResult r = SignalDecoder.decode(accepted(RESPONSE));
    assertEquals(List.of("soc", "odometer", "soh_oem", "max_energy", "charging_status", "charging_power",
        "charging_ac_voltage", "charging_ac_current", "charging_phases", "estimated_range"),
        r.values().stream().map(SignalValue::signal).toList());
    assertEquals(new SignalValue(VIN, Instant.parse("2025-06-14T09:40:00Z"), "soc", 64.0, null, false, RECEIVED_AT,
        "poll:cardata-1"), r.values().get(0), "soc is the header descriptor, never charging.level");
    assertEquals(11.0, r.values().get(5).number(), "11000 W → 11 kW by tag");
    assertEquals(Instant.parse("2025-06-14T09:42:00Z"), r.values().get(5).timestamp());
    assertEquals("CHARGINGACTIVE", r.values().get(4).text());
    assertEquals(3.0, r.values().get(8).number());
  }

  @Test
  void measuredDescriptorWithoutUnitIsDroppedAndCounted() {
    String json = """
        {"vin":"WBY8P210X07K12345","telematicData":{
          "vehicle.powertrain.electric.battery.charging.power":{"value":"11000","timestamp":"2025-06-14T09:42:00Z"}}}
        """;
    DecodeResult r = SignalDecoder.decode(accepted(json));
    assertEquals(List.of(), r.values());
    assertEquals(1, r.counter("parse.unknown_unit{bmw,charging_power,missing}"));
  }

  @Test
  void changeHashIgnoresDescriptorTimestamps() {
    Envelope base = accepted(RESPONSE);
    Envelope later = accepted(RESPONSE.replace("2025-06-14T09:40:00Z", "2025-06-14T10:10:00Z"));
    Envelope changed = accepted(RESPONSE.replace("\"value\":\"64\"", "\"value\":\"65\""));
    assertNotEquals(base.contentHash(), later.contentHash());
    assertEquals(ChangeHash.of(base), ChangeHash.of(later));
    assertNotEquals(ChangeHash.of(base), ChangeHash.of(changed));
  }
}
