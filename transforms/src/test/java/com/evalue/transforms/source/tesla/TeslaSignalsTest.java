package com.evalue.transforms.source.tesla;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TeslaSignalsTest {

  private static Envelope envelope(PayloadFormat format, byte[] message) {
    List<Extracted> out = EnvelopeExtractor.extract(Make.TESLA, format, message, TeslaExamples.transport());
    return assertInstanceOf(Extracted.Accepted.class, out.get(0), () -> "accepted expected: " + out).envelope();
  }

  private static DecodeResult decodeJson(String datumJson) {
    String json = "{\"vin\":\"5YJ3E7EB9NF000123\",\"createdAt\":\"2025-06-14T09:12:31.482Z\",\"data\":["
        + datumJson + "]}";
    return SignalDecoder.decode(envelope(PayloadFormat.TESLA_JSON, TeslaExamples.json(json)));
  }

  private static DecodeResult decodeProto(int key, ProtoTestEncoder value) {
    byte[] proto = ProtoTestEncoder.payload().datum(key, value).createdAt(1749892351L, 482000000)
        .vin(TeslaExamples.VIN).toByteArray();
    return SignalDecoder.decode(envelope(PayloadFormat.TESLA_PROTO, proto));
  }

  private static SignalValue number(String signal, double v) {
    return new SignalValue(TeslaExamples.VIN, TeslaExamples.CREATED_AT, signal, v, null, false,
        TeslaExamples.RECEIVED_AT, TeslaExamples.SOURCE_ID);
  }

  private static SignalValue text(String signal, String v) {
    return new SignalValue(TeslaExamples.VIN, TeslaExamples.CREATED_AT, signal, null, v, false,
        TeslaExamples.RECEIVED_AT, TeslaExamples.SOURCE_ID);
  }

  private static SignalValue invalid(String signal) {
    return new SignalValue(TeslaExamples.VIN, TeslaExamples.CREATED_AT, signal, null, null, true,
        TeslaExamples.RECEIVED_AT, TeslaExamples.SOURCE_ID);
  }

  private static final List<SignalValue> EXAMPLE_VALUES = List.of(
      number("soc", 67.418),
      number("dc_charge_energy_added", 18.52),
      number("dc_charging_power", 96.4),
      text("charging_status", "charging"),
      invalid("energy_remaining"));

  @Test
  void composedJsonExampleDecodesToTheSpecValues() {
    DecodeResult r = SignalDecoder.decode(envelope(PayloadFormat.TESLA_JSON, TeslaExamples.json()));
    assertNull(r.error());
    assertEquals(EXAMPLE_VALUES, r.values());
    assertEquals(Map.of("parse.invalid{energy_remaining}", 1L), r.counters());
  }

  @Test
  void protobufFormOfTheExampleGivesIdenticalValues() {
    DecodeResult json = SignalDecoder.decode(envelope(PayloadFormat.TESLA_JSON, TeslaExamples.json()));
    DecodeResult proto = SignalDecoder.decode(envelope(PayloadFormat.TESLA_PROTO, ProtoTestEncoder.specExample(false)));
    assertEquals(EXAMPLE_VALUES, proto.values());
    assertEquals(json.values(), proto.values());
    assertEquals(json.counters(), proto.counters());
  }

  @Test
  void floatValueUsesItsShortestDecimalRepresentation() {
    DecodeResult r = decodeProto(8, ProtoTestEncoder.floatValue(67.418f));
    assertEquals(List.of(number("soc", 67.418)), r.values());
    assertEquals(List.of(number("soc", 67.418)), decodeJson("{\"key\":\"Soc\",\"value\":{\"floatValue\":67.418}}")
        .values());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "' 67.5 '|67.5",
      "1e3|1000.0",
      "-2.5E-1|-0.25",
      ".5|0.5",
      "42|42.0"})
  void numericStringsAreTrimmedAndParsed(String text, double expected) {
    DecodeResult r = decodeProto(5, ProtoTestEncoder.stringValue(text));
    assertEquals(List.of(number("odometer", expected)), r.values(), "odometer stays in miles: no scaling here");
    assertEquals(0, r.counter("parse.bad_number"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"''", "NaN", "Inf", "Infinity", "abc", "1,5", "0x10", "1.5d", "1e400"})
  void badNumericStringsGiveNoValueAndAreCounted(String text) {
    DecodeResult r = decodeProto(8, ProtoTestEncoder.stringValue(text));
    assertEquals(List.of(), r.values());
    assertEquals(1, r.counter("parse.bad_number"));
  }

  @Test
  void jsonDoubleNaNIsABadNumber() {
    DecodeResult r = decodeJson("{\"key\":\"DCChargingPower\",\"value\":{\"doubleValue\":\"NaN\"}}");
    assertEquals(List.of(), r.values());
    assertEquals(1, r.counter("parse.bad_number"));
  }

  @Test
  void invalidIsAnExplicitNullAndCountedPerSignal() {
    DecodeResult r = decodeProto(86, ProtoTestEncoder.invalidValue());
    assertEquals(List.of(invalid("outside_temperature")), r.values());
    assertEquals(1, r.counter("parse.invalid{outside_temperature}"));
  }

  @Test
  void unknownEnumNumberBecomesUnknownN() {
    assertEquals(List.of(text("charging_status", "unknown_42")), decodeProto(179, ProtoTestEncoder.enumValue(32, 42))
        .values());
    assertEquals(List.of(text("charging_status", "unknown_42")),
        decodeJson("{\"key\":\"DetailedChargeState\",\"value\":{\"detailedChargeStateValue\":42}}").values());
  }

  @Test
  void everyEnumTypeIsNormalised() {
    assertEquals(List.of(text("car_type", "model3")), decodeProto(113, ProtoTestEncoder.enumValue(17, 3)).values());
    assertEquals(List.of(text("charge_port", "ccs")), decodeProto(117, ProtoTestEncoder.enumValue(18, 4)).values());
    assertEquals(List.of(text("bms_state", "charge")), decodeProto(160, ProtoTestEncoder.enumValue(15, 4)).values());
    assertEquals(List.of(text("charging_cable_type", "gb_dc")),
        decodeProto(185, ProtoTestEncoder.enumValue(41, 4)).values());
    assertEquals(List.of(text("fast_charger_type", "chademo")),
        decodeProto(193, ProtoTestEncoder.enumValue(40, 2)).values());
    assertEquals(List.of(text("fast_charger_type", "supercharger")),
        decodeJson("{\"key\":\"FastChargerType\",\"value\":{\"fastChargerValue\":\"FastChargerSupercharger\"}}")
            .values());
  }

  @Test
  void enumFieldsSentAsStringsAreNormalisedWithTheirPrefix() {
    assertEquals(List.of(text("car_type", "modely")), decodeProto(113, ProtoTestEncoder.stringValue("CarTypeModelY"))
        .values());
    assertEquals(List.of(text("charge_port", "eu")), decodeProto(117, ProtoTestEncoder.stringValue("EU")).values());
  }

  @ParameterizedTest
  @CsvSource({"true,1.0", "TRUE,1.0", "1,1.0", "false,0.0", "False,0.0", "0,0.0"})
  void booleanFieldAcceptsTextAndBooleans(String text, double expected) {
    assertEquals(List.of(number("fast_charger_present", expected)),
        decodeProto(39, ProtoTestEncoder.stringValue(text)).values());
  }

  @Test
  void booleanValueCaseBecomesOneOrZero() {
    assertEquals(List.of(number("fast_charger_present", 1.0)),
        decodeProto(39, new ProtoTestEncoder().varint(6, 1)).values());
    assertEquals(List.of(number("soc", 0.0)), decodeProto(8, new ProtoTestEncoder().varint(6, 0)).values());
    DecodeResult bad = decodeProto(39, ProtoTestEncoder.stringValue("maybe"));
    assertEquals(List.of(), bad.values());
    assertEquals(1, bad.counter("parse.bad_number"));
  }

  @Test
  void integralCasesBecomeDoubles() {
    assertEquals(List.of(number("charge_limit_soc", 80.0)), decodeProto(38, new ProtoTestEncoder().varint(2, 80))
        .values());
    assertEquals(List.of(number("odometer", 123456789012.0)),
        decodeProto(5, new ProtoTestEncoder().varint(3, 123456789012L)).values());
    assertEquals(List.of(number("module_temp_min", -7.0)),
        decodeProto(31, new ProtoTestEncoder().varint(2, -7)).values(), "negative int32 is a 10-byte varint");
    assertEquals(List.of(number("odometer", 123456789012.0)),
        decodeJson("{\"key\":\"Odometer\",\"value\":{\"longValue\":\"123456789012\"}}").values(),
        "longValue may be a JSON string");
  }

  @Test
  void unknownFieldsAndLocationAreIgnored() {
    byte[] proto = ProtoTestEncoder.payload()
        .datum(21, new ProtoTestEncoder().message(7, new ProtoTestEncoder().doubleField(1, 48.1).doubleField(2, 11.5)))
        .datum(4, ProtoTestEncoder.stringValue("88"))
        .datum(9999, ProtoTestEncoder.stringValue("1"))
        .datum(42, ProtoTestEncoder.stringValue("66"))
        .createdAt(1749892351L, 482000000).vin(TeslaExamples.VIN).toByteArray();
    DecodeResult r = SignalDecoder.decode(envelope(PayloadFormat.TESLA_PROTO, proto));
    assertEquals(List.of(number("battery_level", 66.0)), r.values());
    assertEquals(Map.of(), r.counters());
    DecodeResult json = decodeJson("{\"key\":\"VehicleSpeed\",\"value\":{\"stringValue\":\"88\"}},"
        + "{\"key\":\"BatteryLevel\",\"value\":{\"stringValue\":\"66\"}}");
    assertEquals(List.of(number("battery_level", 66.0)), json.values());
  }

  @Test
  void unknownValueCaseIsToleratedAndGivesNoValue() {
    DecodeResult r = decodeProto(8, new ProtoTestEncoder().string(55, "future"));
    assertEquals(List.of(), r.values());
    assertNull(r.error());
  }

  @Test
  void numericKeysAndUnpopulatedDefaultsAreAcceptedInJson() {
    DecodeResult r = decodeJson("{\"key\":8,\"value\":{\"stringValue\":\"55.5\",\"invalid\":false}},"
        + "{\"key\":\"158\",\"value\":{\"invalid\":true}}");
    assertEquals(List.of(number("soc", 55.5), invalid("energy_remaining")), r.values());
  }

  @Test
  void aPayloadThatCannotBeReadFailsDecoding() {
    byte[] good = ProtoTestEncoder.specExample(false);
    Envelope e = envelope(PayloadFormat.TESLA_PROTO, good);
    Envelope broken = new Envelope(e.vin(), e.make(), e.eventTime(), e.receivedAt(), e.payloadFormat(),
        java.util.Arrays.copyOf(good, 7), e.sourceId(), e.contentHash());
    DecodeResult r = SignalDecoder.decode(broken);
    assertTrue(r.failed());
    assertTrue(r.error().startsWith("tesla_proto: truncated"), r.error());
    assertEquals(List.of(), r.values());
  }
}
