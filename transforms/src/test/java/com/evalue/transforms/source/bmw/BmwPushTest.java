package com.evalue.transforms.source.bmw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.DecodeResult;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.SignalDecoder;
import com.evalue.transforms.source.SignalValue;
import com.evalue.transforms.source.Transport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BmwPushTest {
  static final String VIN = "WBY8P210X07K12345";
  static final Instant RECEIVED_AT = Instant.parse("2025-06-14T09:15:01Z");
  static final String SOURCE_ID = "push:3f9a";

  /** The composed example of sources.md §4.1. */
  static final String EXAMPLE = """
      {"vehiclePushKeyValues":[{"vin":"WBY8P210X07K12345","received_date":"2025-06-14T09:15:00Z",
        "pushKeyValues":[{"key":"soc_hv_header","value":"58.0","unit":"%","info":null,"date_of_value":"2025-06-14T09:14:37Z"},
                         {"key":"mileage","value":"21877","unit":"km","date_of_value":"2025-06-14T09:14:37Z"},
                         {"key":"hv_state_of_health","value":"96","unit":"%","date_of_value":"2025-06-13T18:02:11Z"}]}]}
      """;

  private static List<Extracted> extract(String body) {
    return EnvelopeExtractor.extract(Make.BMW, PayloadFormat.BMW_PUSH_JSON, body.getBytes(StandardCharsets.UTF_8),
        Transport.of(RECEIVED_AT, SOURCE_ID));
  }

  private static Envelope accepted(Extracted x) {
    return assertInstanceOf(Extracted.Accepted.class, x, () -> "accepted expected: " + x).envelope();
  }

  private static SignalValue number(String signal, String at, double v) {
    return new SignalValue(VIN, Instant.parse(at), signal, v, null, false, RECEIVED_AT, SOURCE_ID + "#0");
  }

  @Test
  void exampleIsOneEnvelopePerElementAtTheGreatestDateOfValue() throws Exception {
    List<Extracted> out = extract(EXAMPLE);
    assertEquals(1, out.size());
    Envelope e = accepted(out.get(0));
    assertEquals(VIN, e.vin());
    assertEquals(Make.BMW, e.make());
    assertEquals(Instant.parse("2025-06-14T09:14:37Z"), e.eventTime());
    assertEquals(SOURCE_ID + "#0", e.sourceId());
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(mapper.readTree(EXAMPLE).get("vehiclePushKeyValues").get(0),
        mapper.readTree(e.payload()), "the payload is that element's JSON");
  }

  @Test
  void exampleDecodesEachKeyAtItsOwnDateOfValue() {
    DecodeResult r = SignalDecoder.decode(accepted(extract(EXAMPLE).get(0)));
    assertNull(r.error());
    assertEquals(List.of(
        number("soc", "2025-06-14T09:14:37Z", 58.0),
        number("odometer", "2025-06-14T09:14:37Z", 21877.0),
        number("soh_oem", "2025-06-13T18:02:11Z", 96.0)), r.values(), "soh stays in % here");
  }

  @Test
  void aBadElementIsRejectedAloneAndTheOthersGetTheirIndex() {
    String body = """
        {"vehiclePushKeyValues":[
          {"vin":"WBY8P210X07K1234O","pushKeyValues":[]},
          {"vin":"WBY8P210X07K12345","pushKeyValues":[{"key":"mileage","value":"1","date_of_value":"2025-06-14T09:00:00+02:00"}]},
          "not an element"]}
        """;
    List<Extracted> out = extract(body);
    assertEquals(3, out.size());
    Extracted.Rejected bad = assertInstanceOf(Extracted.Rejected.class, out.get(0));
    assertTrue(bad.reason().startsWith("bmw_push_json: vehiclePushKeyValues[0]: invalid VIN"), bad.reason());
    assertEquals("{\"vin\":\"WBY8P210X07K1234O\",\"pushKeyValues\":[]}",
        new String(bad.original(), StandardCharsets.UTF_8));
    Envelope good = accepted(out.get(1));
    assertEquals(SOURCE_ID + "#1", good.sourceId());
    assertEquals(Instant.parse("2025-06-14T07:00:00Z"), good.eventTime(), "an offset is converted to UTC");
    assertEquals("bmw_push_json: vehiclePushKeyValues[2] is string, expected an object",
        assertInstanceOf(Extracted.Rejected.class, out.get(2)).reason());
  }

  @Test
  void eventTimeFallsBackToReceivedDateThenReceivedAt() {
    String withReceivedDate = "{\"vehiclePushKeyValues\":[{\"vin\":\"" + VIN
        + "\",\"received_date\":\"2025-06-14T09:15:00\",\"pushKeyValues\":[]}]}";
    assertEquals(Instant.parse("2025-06-14T09:15:00Z"), accepted(extract(withReceivedDate).get(0)).eventTime(),
        "a value without offset is UTC");
    String bare = "{\"vehiclePushKeyValues\":[{\"vin\":\"" + VIN + "\",\"pushKeyValues\":[]}]}";
    assertEquals(RECEIVED_AT, accepted(extract(bare).get(0)).eventTime());
  }

  @Test
  void bodyWithoutElementsGivesNothingAndAMalformedBodyIsRejected() {
    assertEquals(List.of(), extract("{\"vehiclePushKeyValues\":[]}"));
    Extracted.Rejected r = assertInstanceOf(Extracted.Rejected.class, extract("{\"foo\":1}").get(0));
    assertEquals("bmw_push_json: body must be an object with a vehiclePushKeyValues array", r.reason());
    assertTrue(assertInstanceOf(Extracted.Rejected.class, extract("{\"vehiclePushKeyValues\":[").get(0)).reason()
        .startsWith("bmw_push_json: malformed JSON"));
  }

  @Test
  void allMappedKeysUnitsAndIgnoredKeys() {
    String body = """
        {"vehiclePushKeyValues":[{"vin":"WBY8P210X07K12345","pushKeyValues":[
          {"key":"kombi_remaining_electric_range","value":"100","unit":"mi","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"avg_electric_range_consumption","value":"16.4","unit":"kWh/100km","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"charging_status","value":"CHARGINGACTIVE","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"charging_ac_voltage","value":"230","unit":"V","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"charging_ac_ampere","value":"16","unit":"A","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"current_remaining_fuel_range","value":"0","unit":"km","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"remaining_fuel","value":"0","unit":"l","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"mileage","value":"12.3.4","unit":"km","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"soc_hv_header","value":"50","unit":"bananas","date_of_value":"2025-06-14T09:00:00Z"},
          {"key":"soc_hv_header","value":"51","date_of_value":"2025-06-14T09:00:00Z"}]}]}
        """;
    DecodeResult r = SignalDecoder.decode(accepted(extract(body).get(0)));
    assertEquals(List.of("estimated_range", "consumption_oem", "charging_status", "charging_ac_voltage",
        "charging_ac_current", "soc"), r.values().stream().map(SignalValue::signal).toList());
    assertEquals(160.9344, r.values().get(0).number(), 1e-12);
    assertEquals(16.4, r.values().get(1).number());
    assertEquals("CHARGINGACTIVE", r.values().get(2).text());
    assertEquals(230.0, r.values().get(3).number());
    assertEquals(16.0, r.values().get(4).number());
    assertEquals(51.0, r.values().get(5).number(), "a push value without unit stays as sent");
    assertEquals(1, r.counter("parse.bad_number"));
    assertEquals(1, r.counter("parse.unknown_unit{bmw,soc,bananas}"));
  }
}
