package com.evalue.transforms.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import java.time.Instant;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class SignalValueCoderTest {
  private static final Instant T = Instant.parse("2025-06-14T09:12:31.482123Z");
  private static final Instant R = Instant.parse("2025-06-14T09:12:33Z");

  private static SignalValue roundTrip(SignalValue v) throws Exception {
    return CoderUtils.decodeFromByteArray(SignalValueCoder.of(), CoderUtils.encodeToByteArray(SignalValueCoder.of(), v));
  }

  @Test
  void everyKindOfValueRoundTrips() throws Exception {
    SignalValue number = new SignalValue("5YJ3E7EB9NF000123", T, "soc", 67.418, null, false, R, "s:1");
    SignalValue negativeZero = new SignalValue("5YJ3E7EB9NF000123", T, "soc", -0.0, null, false, R, "s:1");
    SignalValue text = new SignalValue("5YJ3E7EB9NF000123", T, "charging_status", null, "charging", false, R, "s:2");
    SignalValue invalid = new SignalValue("5YJ3E7EB9NF000123", T, "energy_remaining", null, null, true, R, "s:3");
    SignalValue beforeEpoch = new SignalValue("5YJ3E7EB9NF000123", Instant.parse("1969-12-31T23:59:59.5Z"), "soc",
        1.0, null, false, R, "s:4");
    for (SignalValue v : new SignalValue[] {number, negativeZero, text, invalid, beforeEpoch}) {
      assertEquals(v, roundTrip(v));
    }
  }

  @Test
  void equalValuesEncodeToEqualBytes() throws Exception {
    SignalValue a = new SignalValue("5YJ3E7EB9NF000123", T, "soc", 67.418, null, false, R, "s:1");
    SignalValue b = new SignalValue("5YJ3E7EB9NF000123", T, "soc", Double.parseDouble("67.418"), null, false, R, "s:1");
    assertArrayEquals(CoderUtils.encodeToByteArray(SignalValueCoder.of(), a),
        CoderUtils.encodeToByteArray(SignalValueCoder.of(), b));
  }

  @Test
  void aSignalValueHoldsExactlyOneOfNumberTextInvalid() {
    assertThrows(IllegalArgumentException.class,
        () -> new SignalValue("5YJ3E7EB9NF000123", T, "soc", 1.0, "x", false, R, "s"));
    assertThrows(IllegalArgumentException.class,
        () -> new SignalValue("5YJ3E7EB9NF000123", T, "soc", null, null, false, R, "s"));
  }

  @Test
  void plausibleTimestampsAreFrom2012ToOneDayAfterReceipt() {
    Instant received = Instant.parse("2025-06-14T00:00:00Z");
    java.util.function.Function<String, Boolean> ok = at -> new SignalValue("5YJ3E7EB9NF000123", Instant.parse(at),
        "soc", 1.0, null, false, received, "s").hasPlausibleTimestamp();
    assertEquals(true, ok.apply("2012-01-01T00:00:00Z"));
    assertEquals(false, ok.apply("2011-12-31T23:59:59Z"));
    assertEquals(true, ok.apply("2025-06-15T00:00:00Z"));
    assertEquals(false, ok.apply("2025-06-15T00:00:00.000001Z"));
  }

  @Test
  void decodeFailureRoundTrips() throws Exception {
    Envelope e = new Envelope("5YJ3E7EB9NF000123", Make.TESLA, T, R, PayloadFormat.TESLA_PROTO, new byte[] {1, 2},
        "tesla_V:00000:00000000000000000001", "0".repeat(64));
    DecodeFailure f = new DecodeFailure(e, "tesla_proto: truncated varint at byte 1");
    assertEquals(f, CoderUtils.decodeFromByteArray(DecodeFailureCoder.of(),
        CoderUtils.encodeToByteArray(DecodeFailureCoder.of(), f)));
  }
}
