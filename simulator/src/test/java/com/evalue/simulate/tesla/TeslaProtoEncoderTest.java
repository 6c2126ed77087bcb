package com.evalue.simulate.tesla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.evalue.simulate.ProtoReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composed example of sources.md §2.5, in both forms. */
class TeslaProtoEncoderTest {
  /** sources.md §2.5: the same record in protobuf form, encoded by hand (field numbers of §2.2). */
  private static final String EXAMPLE_HEX =
      "0a0c" + "0808" + "1208" + "0a06" + "36372e343138" // Datum{key=8, value{string_value="67.418"}}
          + "0a0b" + "0822" + "1207" + "0a05" + "31382e3532" // Datum{key=34, value{string_value="18.52"}}
          + "0a0d" + "0823" + "1209" + "29" + "9a99999999195840" // Datum{key=35, value{double_value=96.4}}
          + "0a08" + "08b301" + "1203" + "800204" // Datum{key=179, value{detailed_charge_state_value(32)=4}}
          + "0a07" + "089e01" + "1202" + "5001" // Datum{key=158, value{invalid(10)=true}}
          + "120c" + "08fff9b4c206" + "1080f9eae501" // created_at{seconds=1749892351, nanos=482000000}
          + "1a11" + "35594a3345374542394e46303030313233"; // vin="5YJ3E7EB9NF000123"; is_resend=false omitted

  private static final String EXAMPLE_JSON =
      "{\"data\":[{\"key\":\"Soc\",\"value\":{\"stringValue\":\"67.418\"}},"
          + "{\"key\":\"DCChargingEnergyIn\",\"value\":{\"stringValue\":\"18.52\"}},"
          + "{\"key\":\"DCChargingPower\",\"value\":{\"doubleValue\":96.4}},"
          + "{\"key\":\"DetailedChargeState\",\"value\":{\"detailedChargeStateValue\":\"DetailedChargeStateCharging\"}},"
          + "{\"key\":\"EnergyRemaining\",\"value\":{\"invalid\":true}}],"
          + "\"createdAt\":\"2025-06-14T09:12:31.482Z\",\"vin\":\"5YJ3E7EB9NF000123\",\"isResend\":false}";

  static TeslaPayload example() {
    return new TeslaPayload(
        List.of(
            new TeslaDatum(TeslaField.SOC, new TeslaValue.StringValue("67.418")),
            new TeslaDatum(TeslaField.DC_CHARGING_ENERGY_IN, new TeslaValue.StringValue("18.52")),
            new TeslaDatum(TeslaField.DC_CHARGING_POWER, new TeslaValue.DoubleValue(96.4)),
            new TeslaDatum(TeslaField.DETAILED_CHARGE_STATE,
                TeslaValue.EnumValue.of(TeslaEnum.DETAILED_CHARGE_STATE, "Charging")),
            new TeslaDatum(TeslaField.ENERGY_REMAINING, new TeslaValue.Invalid())),
        Instant.parse("2025-06-14T09:12:31.482Z"),
        "5YJ3E7EB9NF000123",
        false);
  }

  @Test
  void protobufFormIsExactlyTheSpecExample() {
    assertArrayEquals(HexFormat.of().parseHex(EXAMPLE_HEX), TeslaProtoEncoder.encode(example()));
  }

  @Test
  void protobufFormDecodesToTheSpecFieldsWithAnIndependentReader() {
    List<ProtoReader.Field> payload = ProtoReader.parse(TeslaProtoEncoder.encode(example()));
    List<ProtoReader.Field> data = payload.stream().filter(f -> f.number() == 1).toList();
    assertEquals(5, data.size());
    assertEquals(List.of(8L, 34L, 35L, 179L, 158L),
        data.stream().map(d -> ProtoReader.parse(d.bytes()).get(0).varint()).toList());
    List<ProtoReader.Field> power = ProtoReader.parse(ProtoReader.parse(data.get(2).bytes()).get(1).bytes());
    assertEquals(5, power.get(0).number());
    assertEquals(96.4, power.get(0).asDouble());
    List<ProtoReader.Field> state = ProtoReader.parse(ProtoReader.parse(data.get(3).bytes()).get(1).bytes());
    assertEquals(32, state.get(0).number());
    assertEquals(4, state.get(0).varint());
    List<ProtoReader.Field> created = ProtoReader.parse(payload.get(5).bytes());
    assertEquals(1749892351L, created.get(0).varint());
    assertEquals(482000000L, created.get(1).varint());
    assertEquals("5YJ3E7EB9NF000123", payload.get(6).string());
    assertEquals(7, payload.size(), "is_resend=false is the proto3 default and is not written");
  }

  @Test
  void jsonFormIsTheSpecExample() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode expected = mapper.readTree(EXAMPLE_JSON);
    JsonNode actual = mapper.readTree(TeslaJsonEncoder.encode(example()));
    assertEquals(expected, actual);
  }

  @Test
  void isResendIsWrittenWhenTrue() {
    TeslaPayload p = example();
    byte[] resent = TeslaProtoEncoder.encode(new TeslaPayload(p.data(), p.createdAt(), p.vin(), true));
    List<ProtoReader.Field> fields = ProtoReader.parse(resent);
    ProtoReader.Field last = fields.get(fields.size() - 1);
    assertEquals(4, last.number());
    assertEquals(1, last.varint());
  }

  @Test
  void everyValueCaseUsesItsOneofNumberAndWireType() {
    assertValue(new TeslaValue.IntValue(-3), 2, 0);
    assertValue(new TeslaValue.LongValue(123_456_789_012L), 3, 0);
    assertValue(new TeslaValue.FloatValue(67.418f), 4, 5);
    assertValue(new TeslaValue.BooleanValue(false), 6, 0);
    assertValue(TeslaValue.EnumValue.of(TeslaEnum.BMS_STATE, "Charge"), 15, 0);
    assertValue(TeslaValue.EnumValue.of(TeslaEnum.CAR_TYPE, "ModelY"), 17, 0);
    assertValue(TeslaValue.EnumValue.of(TeslaEnum.CHARGE_PORT, "CCS"), 18, 0);
    assertValue(TeslaValue.EnumValue.of(TeslaEnum.FAST_CHARGER, "Supercharger"), 40, 0);
    assertValue(TeslaValue.EnumValue.of(TeslaEnum.CABLE_TYPE, "IEC"), 41, 0);
    // int32 -3 is a sign-extended 10-byte varint
    byte[] negative = TeslaProtoEncoder.value(new TeslaValue.IntValue(-3)).toByteArray();
    assertEquals(11, negative.length);
    assertEquals(-3, (int) ProtoReader.parse(negative).get(0).varint());
    assertEquals(67.418f, ProtoReader.parse(TeslaProtoEncoder.value(new TeslaValue.FloatValue(67.418f))
        .toByteArray()).get(0).asFloat());
  }

  @Test
  void jsonEnumAndTypedMembers() {
    String json = TeslaJsonEncoder.encode(new TeslaPayload(
        List.of(new TeslaDatum(TeslaField.CAR_TYPE, TeslaValue.EnumValue.of(TeslaEnum.CAR_TYPE, "Model3")),
            new TeslaDatum(TeslaField.FAST_CHARGER_TYPE,
                TeslaValue.EnumValue.of(TeslaEnum.FAST_CHARGER, "Supercharger")),
            new TeslaDatum(TeslaField.OUTSIDE_TEMP, new TeslaValue.FloatValue(17.5f)),
            new TeslaDatum(TeslaField.CHARGE_LIMIT_SOC, new TeslaValue.IntValue(80))),
        Instant.parse("2025-06-14T09:12:31Z"), "5YJ3E7EB9NF000123", true));
    assertEquals("{\"data\":[{\"key\":\"CarType\",\"value\":{\"carTypeValue\":\"CarTypeModel3\"}},"
        + "{\"key\":\"FastChargerType\",\"value\":{\"fastChargerValue\":\"FastChargerSupercharger\"}},"
        + "{\"key\":\"OutsideTemp\",\"value\":{\"floatValue\":17.5}},"
        + "{\"key\":\"ChargeLimitSoc\",\"value\":{\"intValue\":80}}],"
        + "\"createdAt\":\"2025-06-14T09:12:31.000Z\",\"vin\":\"5YJ3E7EB9NF000123\",\"isResend\":true}", json);
  }

  @Test
  void unknownEnumMemberIsRejectedAtBuildTime() {
    assertThrows(IllegalArgumentException.class, () -> TeslaValue.EnumValue.of(TeslaEnum.CABLE_TYPE, "Type2"));
  }

  private static void assertValue(TeslaValue value, int oneofField, int wireType) {
    List<ProtoReader.Field> f = ProtoReader.parse(TeslaProtoEncoder.value(value).toByteArray());
    assertEquals(1, f.size());
    assertEquals(oneofField, f.get(0).number());
    assertEquals(wireType, f.get(0).wireType());
  }
}
