package com.evalue.transforms.source.highmobility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

class HighMobilityTest {
  static final String VIN = "VF1AG000166123456";
  static final Instant RECEIVED_AT = Instant.parse("2025-06-14T09:10:30Z");
  static final String SOURCE_ID = "poll:b1c9e7d2-4f0a-4c61-9d55-2a7e3c0f9b18";

  /** The composed renault example of sources.md §3.2. */
  static final String RENAULT_EXAMPLE = """
      {"brand":"renault","vin":"VF1AG000166123456","request_id":"b1c9e7d2-4f0a-4c61-9d55-2a7e3c0f9b18",
       "charging":{"battery_level":{"data":0.64,"timestamp":"2025-06-14T09:10:02.000Z"},
                   "battery_energy":{"data":{"unit":"kilowatt_hours","value":33.1},"timestamp":"2025-06-14T09:10:02.000Z"},
                   "charging_rate":{"data":{"unit":"kilowatts","value":7.2},"timestamp":"2025-06-14T09:10:02.000Z"},
                   "status":{"data":"charging","timestamp":"2025-06-14T09:09:40.000Z"}},
       "diagnostics":{"odometer":{"data":{"unit":"kilometers","value":48213.0},"timestamp":"2025-06-14T08:41:17.000Z"}},
       "climate":{"outside_temperature":{"data":{"unit":"celsius","value":17.5},"timestamp":"2025-06-14T09:05:00.000Z"}},
       "usage":{"last_trip_battery_remaining":{"failure":{"reason":"unsupported","description":"Not available for this vehicle"},
                "timestamp":"2025-06-14T09:10:02.000Z"}}}
      """;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<Extracted> extract(Make make, String json) {
    return EnvelopeExtractor.extract(make, PayloadFormat.HM_V13_JSON, bytes(json), Transport.of(RECEIVED_AT, SOURCE_ID));
  }

  private static Envelope accepted(Make make, String json) {
    List<Extracted> out = extract(make, json);
    assertEquals(1, out.size());
    return assertInstanceOf(Extracted.Accepted.class, out.get(0), () -> "accepted expected: " + out).envelope();
  }

  private static Extracted.Rejected rejected(Make make, String json) {
    List<Extracted> out = extract(make, json);
    assertEquals(1, out.size());
    return assertInstanceOf(Extracted.Rejected.class, out.get(0), () -> "rejected expected: " + out);
  }

  private static SignalValue number(String signal, String at, double v) {
    return new SignalValue(VIN, Instant.parse(at), signal, v, null, false, RECEIVED_AT, SOURCE_ID);
  }

  @Test
  void exampleIsOneEnvelopeAtTheGreatestPropertyTimestamp() {
    Envelope e = accepted(Make.RENAULT, RENAULT_EXAMPLE);
    assertEquals(VIN, e.vin());
    assertEquals(Make.RENAULT, e.make());
    assertEquals(Instant.parse("2025-06-14T09:10:02Z"), e.eventTime());
    assertArrayEquals(bytes(RENAULT_EXAMPLE), e.payload(), "the response is stored exactly as received");
    assertEquals(SOURCE_ID, e.sourceId());
  }

  @Test
  void exampleDecodesToTheSpecValuesEachAtItsPropertyTimestamp() {
    DecodeResult r = SignalDecoder.decode(accepted(Make.RENAULT, RENAULT_EXAMPLE));
    assertNull(r.error());
    assertEquals(List.of(
        number("soc", "2025-06-14T09:10:02Z", 0.64),
        number("battery_energy", "2025-06-14T09:10:02Z", 33.1),
        number("charging_power", "2025-06-14T09:10:02Z", 7.2),
        new SignalValue(VIN, Instant.parse("2025-06-14T09:09:40Z"), "charging_status", null, "charging", false,
            RECEIVED_AT, SOURCE_ID),
        number("odometer", "2025-06-14T08:41:17Z", 48213.0),
        number("outside_temperature", "2025-06-14T09:05:00Z", 17.5)), r.values());
    assertEquals(Map.of(), r.counters(), "the failure property gives nothing and counts nothing");
  }

  @Test
  void responsesDifferingOnlyInRequestIdHaveTheSameContentHash() {
    String other = RENAULT_EXAMPLE.replace("b1c9e7d2-4f0a-4c61-9d55-2a7e3c0f9b18", "00000000-1111-2222-3333-444444444444");
    String reformatted = RENAULT_EXAMPLE.replace("\n", "").replace(", ", ",");
    String base = accepted(Make.RENAULT, RENAULT_EXAMPLE).contentHash();
    assertEquals(base, accepted(Make.RENAULT, other).contentHash());
    assertEquals(base, accepted(Make.RENAULT, reformatted).contentHash(), "canonical JSON ignores layout");
    assertNotEquals(base, accepted(Make.RENAULT, RENAULT_EXAMPLE.replace("0.64", "0.65")).contentHash());
  }

  @Test
  void changeHashIgnoresPropertyTimestampsButNotValues() {
    Envelope base = accepted(Make.RENAULT, RENAULT_EXAMPLE);
    Envelope repolled = accepted(Make.RENAULT, RENAULT_EXAMPLE.replace("2025-06-14T09:10:02.000Z", "2025-06-14T09:10:37.000Z")
        .replace("b1c9e7d2-4f0a-4c61-9d55-2a7e3c0f9b18", "another-request"));
    Envelope changed = accepted(Make.RENAULT, RENAULT_EXAMPLE.replace("48213.0", "48214.0"));
    assertNotEquals(base.contentHash(), repolled.contentHash());
    assertEquals(ChangeHash.of(base), ChangeHash.of(repolled));
    assertNotEquals(ChangeHash.of(base), ChangeHash.of(changed));
  }

  @Test
  void brandAliasMapsToTheMake() {
    assertEquals(Make.RENAULT, accepted(Make.RENAULT, RENAULT_EXAMPLE.replace("\"brand\":\"renault\"",
        "\"brand\":\"Dacia\"")).make());
    assertEquals(Make.MERCEDES_BENZ, accepted(Make.MERCEDES_BENZ, RENAULT_EXAMPLE.replace("\"brand\":\"renault\"",
        "\"brand\":\"smart\"")).make());
  }

  @Test
  void brandOfAnotherMakeIsRejected() {
    Extracted.Rejected r = rejected(Make.KIA, RENAULT_EXAMPLE);
    assertEquals("hm_v13_json: brand 'renault' does not belong to make kia", r.reason());
    assertEquals(VIN, r.vin());
    assertEquals("hm_v13_json: missing brand", rejected(Make.RENAULT, RENAULT_EXAMPLE.replace("\"brand\":\"renault\",", ""))
        .reason());
  }

  @Test
  void invalidVinAndMalformedJsonAreRejected() {
    assertTrue(rejected(Make.RENAULT, RENAULT_EXAMPLE.replace(VIN, "VF1AG00016612345O")).reason()
        .startsWith("hm_v13_json: invalid VIN"));
    assertTrue(rejected(Make.RENAULT, "{\"brand\":").reason().startsWith("hm_v13_json: malformed JSON"));
    assertEquals("hm_v13_json: expected a JSON object, got array", rejected(Make.RENAULT, "[]").reason());
  }

  @Test
  void responseWithoutAnyTimestampUsesReceivedAt() {
    Envelope e = accepted(Make.RENAULT, "{\"brand\":\"renault\",\"vin\":\"" + VIN + "\",\"request_id\":\"x\"}");
    assertEquals(RECEIVED_AT, e.eventTime());
  }

  @Test
  void unitsAreConvertedAndUnknownOrMissingUnitsDropOnlyThatValue() {
    String json = """
        {"brand":"renault","vin":"VF1AG000166123456",
         "diagnostics":{"odometer":{"data":{"unit":"miles","value":100},"timestamp":"2025-06-14T08:00:00Z"}},
         "climate":{"outside_temperature":{"data":{"unit":"FAHRENHEIT","value":212},"timestamp":"2025-06-14T08:00:00Z"}},
         "charging":{"battery_energy":{"data":{"unit":"furlongs","value":3},"timestamp":"2025-06-14T08:00:00Z"},
                     "charging_rate":{"data":7.2,"timestamp":"2025-06-14T08:00:00Z"},
                     "battery_level":{"data":0.5,"timestamp":"2025-06-14T08:00:00Z"}}}
        """;
    DecodeResult r = SignalDecoder.decode(accepted(Make.RENAULT, json));
    assertEquals(3, r.values().size(), () -> r.values().toString());
    assertEquals(160.9344, r.values().get(0).number(), 1e-12);
    assertEquals("odometer", r.values().get(0).signal());
    assertEquals(100.0, r.values().get(1).number(), 1e-12);
    assertEquals("outside_temperature", r.values().get(1).signal());
    assertEquals(number("soc", "2025-06-14T08:00:00Z", 0.5), r.values().get(2));
    assertEquals(1, r.counter("parse.unknown_unit{renault,battery_energy,furlongs}"));
    assertEquals(1, r.counter("parse.unknown_unit{renault,charging_power,missing}"));
  }

  @Test
  void propertiesAreBoundToTheirQualifiedPathAndToTheMakesThatUseThem() {
    String json = """
        {"brand":"volvo","vin":"YV1AG000166123456",
         "diagnostics":{"battery_level":{"data":0.99,"timestamp":"2025-06-14T08:00:00Z"},
                        "estimated_range":{"data":{"unit":"kilometers","value":1},"timestamp":"2025-06-14T08:00:00Z"}},
         "charging":{"estimated_range":{"data":{"unit":"kilometers","value":312},"timestamp":"2025-06-14T08:00:00Z"},
                     "battery_energy":{"data":{"unit":"kilowatt_hours","value":50},"timestamp":"2025-06-14T08:00:00Z"},
                     "state_of_health":{"data":1.02,"timestamp":"2025-06-14T08:00:00Z"},
                     "unknown_property":{"data":1,"timestamp":"2025-06-14T08:00:00Z"}}}
        """;
    DecodeResult r = SignalDecoder.decode(accepted(Make.VOLVO_CARS, json));
    assertEquals(List.of("estimated_range", "soh_oem"), r.values().stream().map(SignalValue::signal).toList(),
        "diagnostics.battery_level is not charging.battery_level; battery_energy is not a volvo-cars signal");
    assertEquals(312.0, r.values().get(0).number());
    assertEquals(1.02, r.values().get(1).number(), "state_of_health may exceed 1.0");
  }

  @Test
  void mercedesSessionDurationIsConvertedToSeconds() {
    String json = """
        {"brand":"mercedes-benz","vin":"W1K2000001A123456",
         "charging_session":{"total_charging_duration":{"data":{"unit":"minutes","value":5},"timestamp":"2025-06-14T08:00:00Z"},
                             "energy_charged":{"data":{"unit":"watt_hours","value":12500},"timestamp":"2025-06-14T08:00:00Z"}}}
        """;
    DecodeResult r = SignalDecoder.decode(accepted(Make.MERCEDES_BENZ, json));
    assertEquals(List.of("total_charging_duration", "energy_charged"),
        r.values().stream().map(SignalValue::signal).toList());
    assertEquals(300.0, r.values().get(0).number());
    assertEquals(12.5, r.values().get(1).number());
  }

  @Test
  void propertyWithoutTimestampIsDroppedAndCounted() {
    String json = "{\"brand\":\"kia\",\"vin\":\"KNAG0000001234567\",\"charging\":{\"battery_level\":{\"data\":0.5}}}";
    DecodeResult r = SignalDecoder.decode(accepted(Make.KIA, json));
    assertEquals(List.of(), r.values());
    assertEquals(1, r.counter("parse.bad_timestamp"));
  }
}
