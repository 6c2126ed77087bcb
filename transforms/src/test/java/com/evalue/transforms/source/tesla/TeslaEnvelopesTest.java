package com.evalue.transforms.source.tesla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TeslaEnvelopesTest {

  private static Envelope accepted(List<Extracted> out) {
    assertEquals(1, out.size(), () -> "one envelope expected: " + out);
    Extracted only = out.get(0);
    return assertInstanceOf(Extracted.Accepted.class, only, () -> "accepted expected: " + only).envelope();
  }

  private static Extracted.Rejected rejected(List<Extracted> out) {
    assertEquals(1, out.size(), () -> "one result expected: " + out);
    return assertInstanceOf(Extracted.Rejected.class, out.get(0), () -> "rejected expected: " + out);
  }

  private static List<Extracted> extract(PayloadFormat format, byte[] message, Transport t) {
    return EnvelopeExtractor.extract(Make.TESLA, format, message, t);
  }

  @Nested
  class ComposedExample {
    @Test
    void jsonFormGivesOneEnvelopeWithTheExactBytesAndCreatedAt() {
      Envelope e = accepted(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(), TeslaExamples.transport()));
      assertEquals(TeslaExamples.VIN, e.vin());
      assertEquals(Make.TESLA, e.make());
      assertEquals(TeslaExamples.CREATED_AT, e.eventTime());
      assertEquals(TeslaExamples.RECEIVED_AT, e.receivedAt());
      assertEquals(PayloadFormat.TESLA_JSON, e.payloadFormat());
      assertArrayEquals(TeslaExamples.json(), e.payload());
      assertEquals(TeslaExamples.SOURCE_ID, e.sourceId());
      assertTrue(e.contentHash().matches("[0-9a-f]{64}"));
    }

    @Test
    void protobufFormHasTheSameEventTimeAndContentHashAsTheJsonForm() {
      byte[] proto = ProtoTestEncoder.specExample(false);
      Envelope fromProto = accepted(extract(PayloadFormat.TESLA_PROTO, proto, TeslaExamples.transport()));
      Envelope fromJson = accepted(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(), TeslaExamples.transport()));
      assertArrayEquals(proto, fromProto.payload());
      assertEquals(PayloadFormat.TESLA_PROTO, fromProto.payloadFormat());
      assertEquals(fromJson.eventTime(), fromProto.eventTime());
      assertEquals(fromJson.contentHash(), fromProto.contentHash());
    }

    @Test
    void resentCopyHasTheSameContentHash() {
      // spec: sources.md §2.6.3 — is_resend is excluded from the hash, so resends dedupe against their originals
      Envelope original = accepted(extract(PayloadFormat.TESLA_PROTO, ProtoTestEncoder.specExample(false),
          TeslaExamples.transport()));
      Envelope resent = accepted(extract(PayloadFormat.TESLA_PROTO, ProtoTestEncoder.specExample(true),
          TeslaExamples.transport()));
      Envelope resentJson = accepted(extract(PayloadFormat.TESLA_JSON,
          TeslaExamples.json(TeslaExamples.JSON_EXAMPLE.replace("\"isResend\":false", "\"isResend\":true")),
          TeslaExamples.transport()));
      assertEquals(original.contentHash(), resent.contentHash());
      assertEquals(original.contentHash(), resentJson.contentHash());
    }

    @Test
    void datumOrderDoesNotChangeTheHashButAValueDoes() {
      String reordered = """
          {"vin":"5YJ3E7EB9NF000123","createdAt":"2025-06-14T09:12:31.482Z",
           "data":[{"key":"EnergyRemaining","value":{"invalid":true}},
                   {"key":179,"value":{"detailedChargeStateValue":4}},
                   {"key":"DCChargingPower","value":{"doubleValue":96.4}},
                   {"key":"DCChargingEnergyIn","value":{"stringValue":"18.52"}},
                   {"key":"Soc","value":{"stringValue":"67.418"}}]}
          """;
      String changed = TeslaExamples.JSON_EXAMPLE.replace("67.418", "67.419");
      String base = accepted(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(), TeslaExamples.transport()))
          .contentHash();
      assertEquals(base, accepted(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(reordered),
          TeslaExamples.transport())).contentHash());
      assertNotEquals(base, accepted(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(changed),
          TeslaExamples.transport())).contentHash());
    }

    @Test
    void repeatedFieldsAreSortedByValueToo() {
      byte[] ab = ProtoTestEncoder.payload().datum(8, ProtoTestEncoder.stringValue("1"))
          .datum(8, ProtoTestEncoder.stringValue("2")).createdAt(1749892351L, 0).vin(TeslaExamples.VIN).toByteArray();
      byte[] ba = ProtoTestEncoder.payload().datum(8, ProtoTestEncoder.stringValue("2"))
          .datum(8, ProtoTestEncoder.stringValue("1")).createdAt(1749892351L, 0).vin(TeslaExamples.VIN).toByteArray();
      assertEquals(accepted(extract(PayloadFormat.TESLA_PROTO, ab, TeslaExamples.transport())).contentHash(),
          accepted(extract(PayloadFormat.TESLA_PROTO, ba, TeslaExamples.transport())).contentHash());
    }

    @Test
    void sameContentAtAnotherTimeHashesDifferently() {
      String base = accepted(extract(PayloadFormat.TESLA_PROTO, ProtoTestEncoder.specExample(false),
          TeslaExamples.transport())).contentHash();
      byte[] later = ProtoTestEncoder.payload().datum(8, ProtoTestEncoder.stringValue("67.418"))
          .datum(34, ProtoTestEncoder.stringValue("18.52")).datum(35, ProtoTestEncoder.doubleValue(96.4))
          .datum(179, ProtoTestEncoder.enumValue(32, 4)).datum(158, ProtoTestEncoder.invalidValue())
          .createdAt(1749892352L, 482000000).vin(TeslaExamples.VIN).toByteArray();
      assertNotEquals(base, accepted(extract(PayloadFormat.TESLA_PROTO, later, TeslaExamples.transport()))
          .contentHash());
    }
  }

  @Nested
  class Vins {
    @Test
    void lowerCaseVinIsAcceptedAndNormalised() {
      byte[] json = TeslaExamples.json(TeslaExamples.JSON_EXAMPLE.replace("5YJ3E7EB9NF000123", " 5yj3e7eb9nf000123 "));
      Envelope e = accepted(extract(PayloadFormat.TESLA_JSON, json, TeslaExamples.transport()));
      assertEquals("5YJ3E7EB9NF000123", e.vin());
      assertEquals(accepted(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(), TeslaExamples.transport()))
          .contentHash(), e.contentHash(), "the hash covers the normalised VIN");
    }

    @ParameterizedTest
    @CsvSource({"5YJ3E7EB9NF00O123", "5YJ3E7EB9NF00I123", "5YJ3E7EB9NF00Q123", "5YJ3E7EB9NF00012", "5YJ3E7EB9NF0001234"})
    void invalidVinIsRejected(String vin) {
      byte[] proto = ProtoTestEncoder.payload().datum(8, ProtoTestEncoder.stringValue("50")).vin(vin).toByteArray();
      Extracted.Rejected r = rejected(extract(PayloadFormat.TESLA_PROTO, proto,
          TeslaExamples.transport(null, Map.of(), null)));
      assertTrue(r.reason().startsWith("tesla_proto: invalid VIN"), r.reason());
      assertEquals(vin, r.vin());
      assertArrayEquals(proto, r.original());
    }

    @Test
    void vinDisagreeingWithTheRecordKeyIsRejected() {
      Extracted.Rejected r = rejected(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(),
          TeslaExamples.transport("5YJ3E7EB9NF000999", Map.of(), null)));
      assertEquals("tesla_json: VIN 5YJ3E7EB9NF000123 disagrees with the transport key '5YJ3E7EB9NF000999'",
          r.reason());
      assertEquals(TeslaExamples.VIN, r.vin());
    }

    @Test
    void missingPayloadVinFallsBackToTheHeaderThenTheKey() {
      byte[] noVin = ProtoTestEncoder.payload().datum(8, ProtoTestEncoder.stringValue("50")).toByteArray();
      Envelope fromHeader = accepted(extract(PayloadFormat.TESLA_PROTO, noVin,
          TeslaExamples.transport(null, Map.of("vin", "5YJ3E7EB9NF000777"), null)));
      assertEquals("5YJ3E7EB9NF000777", fromHeader.vin());
      Envelope fromKey = accepted(extract(PayloadFormat.TESLA_PROTO, noVin,
          TeslaExamples.transport("5yj3e7eb9nf000888", Map.of(), null)));
      assertEquals("5YJ3E7EB9NF000888", fromKey.vin());
    }

    @Test
    void noVinAnywhereIsRejected() {
      byte[] noVin = ProtoTestEncoder.payload().datum(8, ProtoTestEncoder.stringValue("50")).toByteArray();
      Extracted.Rejected r = rejected(extract(PayloadFormat.TESLA_PROTO, noVin,
          TeslaExamples.transport(null, Map.of(), null)));
      assertEquals("tesla_proto: missing VIN", r.reason());
      assertNull(r.vin());
    }
  }

  @Nested
  class EventTime {
    private final byte[] noCreatedAt =
        ProtoTestEncoder.payload().datum(8, ProtoTestEncoder.stringValue("50")).vin(TeslaExamples.VIN).toByteArray();

    private Instant eventTime(Map<String, String> headers, Instant recordTimestamp) {
      return accepted(extract(PayloadFormat.TESLA_PROTO, noCreatedAt,
          TeslaExamples.transport(TeslaExamples.VIN, headers, recordTimestamp))).eventTime();
    }

    @Test
    void createdAtWinsOverEveryHeader() {
      assertEquals(TeslaExamples.CREATED_AT, accepted(extract(PayloadFormat.TESLA_PROTO,
          ProtoTestEncoder.specExample(false), TeslaExamples.transport())).eventTime());
    }

    @Test
    void timestampHeaderOfThirteenDigitsIsEpochMilliseconds() {
      assertEquals(Instant.parse("2025-06-14T09:12:31.482Z"),
          eventTime(Map.of("timestamp", "1749892351482", "receivedat", "1749892399000"), Instant.EPOCH));
    }

    @Test
    void timestampHeaderOfTenDigitsIsEpochSeconds() {
      assertEquals(Instant.parse("2025-06-14T09:12:31Z"), eventTime(Map.of("timestamp", "1749892351"), null));
    }

    @Test
    void receivedAtHeaderIsNextThenTheRecordTimestampThenOurClock() {
      assertEquals(Instant.parse("2025-06-14T09:12:39Z"),
          eventTime(Map.of("receivedat", "1749892359000"), Instant.parse("2025-06-14T09:13:00Z")));
      assertEquals(Instant.parse("2025-06-14T09:13:00Z"),
          eventTime(Map.of("timestamp", "not-a-number"), Instant.parse("2025-06-14T09:13:00Z")));
      assertEquals(TeslaExamples.RECEIVED_AT, eventTime(Map.of(), null));
    }

    @Test
    void createdAtWithNanosecondsAndAnOffsetIsConvertedToUtc() {
      String json = TeslaExamples.JSON_EXAMPLE.replace("2025-06-14T09:12:31.482Z", "2025-06-14T11:12:31.482123456+02:00");
      Envelope e = accepted(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(json), TeslaExamples.transport()));
      assertEquals(Instant.parse("2025-06-14T09:12:31.482123Z"), e.eventTime());
    }

    @Test
    void nullCreatedAtFallsBackToTheHeaders() {
      String json = TeslaExamples.JSON_EXAMPLE.replace("\"2025-06-14T09:12:31.482Z\"", "null");
      Envelope e = accepted(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(json),
          TeslaExamples.transport(TeslaExamples.VIN, Map.of("timestamp", "1749892351900"), null)));
      assertEquals(Instant.parse("2025-06-14T09:12:31.900Z"), e.eventTime());
    }

    @Test
    void headerNamesAreMatchedCaseInsensitively() {
      Map<String, String> headers = new HashMap<>();
      headers.put("Timestamp", "1749892351");
      assertEquals(Instant.parse("2025-06-14T09:12:31Z"), eventTime(headers, null));
    }
  }

  @Nested
  class Malformed {
    @Test
    void truncatedProtobufIsRejectedWithAOneLineReason() {
      byte[] full = ProtoTestEncoder.specExample(false);
      byte[] truncated = Arrays.copyOf(full, full.length - 5);
      Extracted.Rejected r = rejected(extract(PayloadFormat.TESLA_PROTO, truncated, TeslaExamples.transport()));
      assertTrue(r.reason().startsWith("tesla_proto: truncated"), r.reason());
      assertTrue(!r.reason().contains("\n"));
      assertArrayEquals(truncated, r.original());
      assertEquals(TeslaExamples.VIN, r.vin(), "the record key identifies the vehicle of a dead letter");
    }

    @Test
    void wrongWireTypeOnAKnownFieldIsRejected() {
      byte[] bad = new ProtoTestEncoder().varint(3, 7).toByteArray(); // vin as a varint
      Extracted.Rejected r = rejected(extract(PayloadFormat.TESLA_PROTO, bad, TeslaExamples.transport()));
      assertEquals("tesla_proto: Payload.vin has wire type 0, expected 2", r.reason());
    }

    @Test
    void malformedJsonIsRejected() {
      Extracted.Rejected r = rejected(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json("{\"vin\":\"5YJ3"),
          TeslaExamples.transport()));
      assertTrue(r.reason().startsWith("tesla_json: malformed JSON"), r.reason());
    }

    @Test
    void unparseableCreatedAtIsRejected() {
      String json = TeslaExamples.JSON_EXAMPLE.replace("2025-06-14T09:12:31.482Z", "yesterday");
      Extracted.Rejected r = rejected(extract(PayloadFormat.TESLA_JSON, TeslaExamples.json(json),
          TeslaExamples.transport()));
      assertEquals("tesla_json: createdAt 'yesterday' is not RFC 3339", r.reason());
    }

    @Test
    void unknownFieldsAndGroupsAreSkipped() {
      byte[] withUnknown = new ProtoTestEncoder()
          .varint(99, 12345)
          .fixed32(98, 7)
          .fixed64(97, 7)
          .string(96, "extension")
          .vin(TeslaExamples.VIN)
          .toByteArray();
      // a group (wire type 3 … 4) of field 95 containing a varint
      byte[] group = {(byte) 0xFB, 0x05, 0x08, 0x01, (byte) 0xFC, 0x05};
      byte[] message = new byte[withUnknown.length + group.length];
      System.arraycopy(group, 0, message, 0, group.length);
      System.arraycopy(withUnknown, 0, message, group.length, withUnknown.length);
      assertEquals(TeslaExamples.VIN, accepted(extract(PayloadFormat.TESLA_PROTO, message, TeslaExamples.transport()))
          .vin());
    }
  }

  @Test
  void handWrittenProtobufBytesAreRead() throws Exception {
    // Payload{data=[Datum{key=179, value{detailed_charge_state_value(32)=4}}], vin="5YJ3E7EB9NF000123"}
    byte[] vin = TeslaExamples.VIN.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] head = {0x0A, 0x08, 0x08, (byte) 0xB3, 0x01, 0x12, 0x03, (byte) 0x80, 0x02, 0x04, 0x1A, 0x11};
    byte[] message = new byte[head.length + vin.length];
    System.arraycopy(head, 0, message, 0, head.length);
    System.arraycopy(vin, 0, message, head.length, vin.length);
    TeslaRecord r = TeslaProtoReader.read(message);
    assertEquals(TeslaExamples.VIN, r.vin());
    assertNull(r.createdAt());
    assertEquals(List.of(new TeslaRecord.Datum(179, "",
        new TeslaValue.EnumName(TeslaEnum.DETAILED_CHARGE_STATE, "charging"))), r.data());
    assertArrayEquals(message, ProtoTestEncoder.payload().datum(179, ProtoTestEncoder.enumValue(32, 4))
        .vin(TeslaExamples.VIN).toByteArray(), "the test encoder writes the same bytes");
  }

  @Test
  void autoValueFormatDetectsJsonByItsFirstNonBlankByte() {
    assertEquals(PayloadFormat.TESLA_JSON, TeslaEnvelopes.detectFormat(TeslaExamples.json("  \n{\"vin\":1}")));
    assertEquals(PayloadFormat.TESLA_PROTO, TeslaEnvelopes.detectFormat(ProtoTestEncoder.specExample(false)));
  }
}
