package com.evalue.transforms.source.stellantis;

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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StellantisTest {
  static final String VIN = "VR3UHZKJZMT123456";
  static final Instant RECEIVED_AT = Instant.parse("2025-06-14T09:12:00Z");
  static final String SOURCE_ID = "poll:fleet-42";

  /** The composed example of sources.md §5 (one array element). */
  static final String EXAMPLE = """
      {"_id":"6650c1e2a9f4","vin":"VR3UHZKJZMT123456","datetime":"2025-06-14T09:11:40Z","datetimeSending":"2025-06-14T09:11:52Z",
       "odometer":{"value":9570.4,"unit":"mi","datetime":"2025-06-14T09:11:40Z"},
       "externalTemperature":{"value":64.4,"unit":"°F","datetime":"2025-06-14T09:10:00Z"},
       "electricity":{"level":{"percentage":72,"datetime":"2025-06-14T09:11:40Z"},
         "capacity":{"value":50000,"unit":"Wh","datetime":"2025-06-14T09:11:40Z"},
         "residualAutonomy":{"value":198,"unit":"km","datetime":"2025-06-14T09:11:40Z"},
         "energyBatteryRemaining":{"value":34.6,"unit":"kWh","datetime":"2025-06-14T09:11:40Z"},
         "battery":{"stateOfHealth":{"percentage":97,"datetime":"2025-06-12T06:00:00Z"}},
         "charging":{"plugged":true,"status":"in-progress","mode":"slow","rate":{"value":7.4,"unit":"kW"},"datetime":"2025-06-14T09:11:40Z"}}}
      """;

  private static List<Extracted> extract(String json) {
    return EnvelopeExtractor.extract(Make.STELLANTIS, PayloadFormat.STELLANTIS_CARSTATE_JSON,
        json.getBytes(StandardCharsets.UTF_8), Transport.of(RECEIVED_AT, SOURCE_ID));
  }

  private static Envelope accepted(Extracted x) {
    return assertInstanceOf(Extracted.Accepted.class, x, () -> "accepted expected: " + x).envelope();
  }

  private static Map<String, SignalValue> bySignal(DecodeResult r) {
    return r.values().stream().collect(Collectors.toMap(SignalValue::signal, Function.identity()));
  }

  @Test
  void singleObjectIsOneEnvelopeStoredAsReceivedAtTheTopLevelDatetime() {
    List<Extracted> out = extract(EXAMPLE);
    assertEquals(1, out.size());
    Envelope e = accepted(out.get(0));
    assertEquals(VIN, e.vin());
    assertEquals(Instant.parse("2025-06-14T09:11:40Z"), e.eventTime());
    assertEquals(SOURCE_ID, e.sourceId());
    assertArrayEquals(EXAMPLE.getBytes(StandardCharsets.UTF_8), e.payload());
  }

  @Test
  void exampleDecodesWithUnitsConvertedAndNotRounded() {
    DecodeResult r = SignalDecoder.decode(accepted(extract(EXAMPLE).get(0)));
    assertNull(r.error());
    Map<String, SignalValue> v = bySignal(r);
    assertEquals(11, v.size(), () -> r.values().toString());
    assertEquals(9570.4 * 1.609344, v.get("odometer").number());
    assertEquals(15402.0658, v.get("odometer").number(), 5e-5, "15 402.0658 km, not rounded");
    assertNotEquals(15402.07, v.get("odometer").number());
    assertEquals(18.0, v.get("outside_temperature").number(), 1e-9);
    assertEquals(Instant.parse("2025-06-14T09:10:00Z"), v.get("outside_temperature").timestamp());
    assertEquals(72.0, v.get("soc").number());
    assertEquals(50.0, v.get("battery_capacity").number(), "Wh ÷ 1000");
    assertEquals(198.0, v.get("estimated_range").number());
    assertEquals(34.6, v.get("energy_remaining").number());
    assertEquals(97.0, v.get("soh_oem").number(), "soh stays in % here");
    assertEquals(Instant.parse("2025-06-12T06:00:00Z"), v.get("soh_oem").timestamp());
    assertEquals("in-progress", v.get("charging_status").text());
    assertEquals("slow", v.get("charging_mode").text());
    assertEquals(1.0, v.get("plugged").number());
    assertEquals(7.4, v.get("charging_power").number());
    assertEquals(Instant.parse("2025-06-14T09:11:40Z"), v.get("charging_power").timestamp(),
        "rate has no datetime of its own: the enclosing charging object's");
  }

  @Test
  void arrayGivesOneEnvelopePerElementWithIndexedSourceIdsAndTheSameHashAsAlone() {
    String other = EXAMPLE.replace(VIN, "VR3UHZKJZMT654321");
    List<Extracted> out = extract("[\n" + EXAMPLE + "\n,\n" + other + "\n]");
    assertEquals(2, out.size());
    Envelope first = accepted(out.get(0));
    Envelope second = accepted(out.get(1));
    assertEquals(SOURCE_ID + "#0", first.sourceId());
    assertEquals(SOURCE_ID + "#1", second.sourceId());
    assertEquals("VR3UHZKJZMT654321", second.vin());
    assertEquals(accepted(extract(EXAMPLE).get(0)).contentHash(), first.contentHash());
    assertTrue(new String(first.payload(), StandardCharsets.UTF_8).startsWith("{\"_id\":\"6650c1e2a9f4\",\"vin\""),
        "an array element is stored as compact JSON");
    assertEquals(bySignal(SignalDecoder.decode(accepted(extract(EXAMPLE).get(0)))).get("odometer").number(),
        bySignal(SignalDecoder.decode(first)).get("odometer").number());
  }

  @Test
  void vinWithEighthCharacterXIsRejected() {
    String xVin = "VR3UHZKXZMT123456";
    List<Extracted> out = extract("[" + EXAMPLE + "," + EXAMPLE.replace(VIN, xVin) + "]");
    assertInstanceOf(Extracted.Accepted.class, out.get(0));
    Extracted.Rejected r = assertInstanceOf(Extracted.Rejected.class, out.get(1));
    assertEquals("stellantis VIN with 8th character X (no SoH telematics)", r.reason());
    assertEquals(xVin, r.vin());
  }

  @Test
  void volatileMembersDoNotChangeTheContentHash() {
    String base = accepted(extract(EXAMPLE).get(0)).contentHash();
    String resent = accepted(extract(EXAMPLE.replace("6650c1e2a9f4", "ffffffffffff")
        .replace("2025-06-14T09:11:52Z", "2025-06-14T09:12:30Z")).get(0)).contentHash();
    assertEquals(base, resent);
    assertNotEquals(base, accepted(extract(EXAMPLE.replace("9570.4", "9571.4")).get(0)).contentHash());
  }

  @Test
  void changeHashIgnoresEveryDatetime() {
    Envelope base = accepted(extract(EXAMPLE).get(0));
    Envelope repolled = accepted(extract(EXAMPLE.replace("2025-06-14T09:11:40Z", "2025-06-14T09:12:16Z")
        .replace("6650c1e2a9f4", "6650c1e2b000")).get(0));
    assertNotEquals(base.contentHash(), repolled.contentHash());
    assertEquals(ChangeHash.of(base), ChangeHash.of(repolled));
    assertNotEquals(ChangeHash.of(base), ChangeHash.of(accepted(extract(EXAMPLE.replace("\"percentage\":72",
        "\"percentage\":71")).get(0))));
  }

  @Test
  void membersAreMatchedCaseInsensitivelyAndScalarsTakeTheNearestDatetime() {
    String json = """
        {"VIN":"VR3UHZKJZMT123456","DateTime":"2025-06-14T08:00:00Z",
         "externaltemperature":{"value":20,"unit":"C"},
         "Electricity":{"Charging":{"Plugged":"false","Status":"disconnected","Rate":{"value":3.7,"unit":"A"}},
                        "Level":{"Percentage":55}},
         "charging":{"battery":{"stateOfHealth":{"percentage":93,"datetime":"2025-06-01T00:00:00Z"}}}}
        """;
    Envelope e = accepted(extract(json).get(0));
    assertEquals(Instant.parse("2025-06-14T08:00:00Z"), e.eventTime());
    DecodeResult r = SignalDecoder.decode(e);
    Map<String, SignalValue> v = bySignal(r);
    assertEquals(20.0, v.get("outside_temperature").number());
    assertEquals(Instant.parse("2025-06-14T08:00:00Z"), v.get("outside_temperature").timestamp());
    assertEquals(0.0, v.get("plugged").number());
    assertEquals("disconnected", v.get("charging_status").text());
    assertEquals(55.0, v.get("soc").number());
    assertEquals(93.0, v.get("soh_oem").number(), "charging.battery.stateOfHealth is the fallback");
    assertEquals(null, v.get("charging_power"), "a rate in A is ignored");
    assertEquals(Map.of(), r.counters());
  }

  @Test
  void valueLeafWithoutUnitIsDroppedAndCounted() {
    String json = "{\"vin\":\"" + VIN + "\",\"datetime\":\"2025-06-14T08:00:00Z\",\"odometer\":{\"value\":10}}";
    DecodeResult r = SignalDecoder.decode(accepted(extract(json).get(0)));
    assertEquals(List.of(), r.values());
    assertEquals(1, r.counter("parse.unknown_unit{stellantis,odometer,missing}"));
  }

  @Test
  void providerErrorElementsAndMalformedJsonAreRejected() {
    Extracted.Rejected err = assertInstanceOf(Extracted.Rejected.class,
        extract("[{\"name\":\"Unauthorized\",\"message\":\"token expired\"}]").get(0));
    assertEquals("stellantis_carstate_json: [0]: provider error Unauthorized: token expired", err.reason());
    Extracted.Rejected bad = assertInstanceOf(Extracted.Rejected.class, extract("[{\"vin\":").get(0));
    assertTrue(bad.reason().startsWith("stellantis_carstate_json: malformed JSON"), bad.reason());
    assertEquals(List.of(), extract("[]"));
  }
}
