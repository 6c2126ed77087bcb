package com.evalue.transforms.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeExtractorTest {
  private static final Transport T = Transport.of(Instant.parse("2025-06-14T10:00:00Z"), "push:1");

  @Test
  void formatOfAnotherMakeIsRejected() {
    List<Extracted> out = EnvelopeExtractor.extract(Make.RENAULT, PayloadFormat.TESLA_JSON,
        "{}".getBytes(StandardCharsets.UTF_8), T);
    Extracted.Rejected r = assertInstanceOf(Extracted.Rejected.class, out.get(0));
    assertEquals("tesla_json: not a payload format of make renault", r.reason());
  }

  @Test
  void emptyAndNullMessagesAreRejectedNotThrown() {
    for (PayloadFormat f : new PayloadFormat[] {PayloadFormat.TESLA_JSON, PayloadFormat.BMW_PUSH_JSON,
        PayloadFormat.BMW_CARDATA_JSON, PayloadFormat.STELLANTIS_CARSTATE_JSON}) {
      Make make = f == PayloadFormat.TESLA_JSON ? Make.TESLA : f == PayloadFormat.STELLANTIS_CARSTATE_JSON
          ? Make.STELLANTIS : Make.BMW;
      Extracted.Rejected r = assertInstanceOf(Extracted.Rejected.class,
          EnvelopeExtractor.extract(make, f, null, T).get(0));
      assertEquals(f.code() + ": empty message", r.reason());
    }
    Extracted.Rejected hm = assertInstanceOf(Extracted.Rejected.class,
        EnvelopeExtractor.extract(Make.KIA, PayloadFormat.HM_V13_JSON, new byte[0], T).get(0));
    assertEquals("hm_v13_json: empty message", hm.reason());
  }

  @Test
  void keyVinAppliesToEveryFormatWhenGiven() {
    Transport keyed = new Transport(T.receivedAt(), "poll:x", "VF1AG000166999999", java.util.Map.of(), null);
    String hm = "{\"brand\":\"renault\",\"vin\":\"VF1AG000166123456\"}";
    Extracted.Rejected r = assertInstanceOf(Extracted.Rejected.class, EnvelopeExtractor.extract(Make.RENAULT,
        PayloadFormat.HM_V13_JSON, hm.getBytes(StandardCharsets.UTF_8), keyed).get(0));
    assertEquals("hm_v13_json: VIN VF1AG000166123456 disagrees with the transport key 'VF1AG000166999999'",
        r.reason());
  }

  @Test
  void receivedAtIsTruncatedToMicroseconds() {
    Transport t = Transport.of(Instant.parse("2025-06-14T10:00:00.123456789Z"), "poll:x");
    String hm = "{\"brand\":\"renault\",\"vin\":\"VF1AG000166123456\"}";
    Envelope e = assertInstanceOf(Extracted.Accepted.class, EnvelopeExtractor.extract(Make.RENAULT,
        PayloadFormat.HM_V13_JSON, hm.getBytes(StandardCharsets.UTF_8), t).get(0)).envelope();
    assertEquals(Instant.parse("2025-06-14T10:00:00.123456Z"), e.receivedAt());
    assertEquals(e.receivedAt(), e.eventTime());
    assertTrue(e.contentHash().matches("[0-9a-f]{64}"));
  }

  @Test
  void changeHashRefusesPushAndStreamedFormats() {
    IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ChangeHash.of(PayloadFormat.BMW_PUSH_JSON, "{}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("change detection applies to polled sources only, not bmw_push_json", ex.getMessage());
  }
}
