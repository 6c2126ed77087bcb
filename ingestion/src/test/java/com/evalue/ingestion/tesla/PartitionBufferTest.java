package com.evalue.ingestion.tesla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.simulate.tesla.TeslaDatum;
import com.evalue.simulate.tesla.TeslaField;
import com.evalue.simulate.tesla.TeslaPayload;
import com.evalue.simulate.tesla.TeslaProtoEncoder;
import com.evalue.simulate.tesla.TeslaValue;
import com.evalue.transforms.model.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * The flush DoFn's per-partition state: the §1.6 rules and the commit point over chunks, its coder, and the decoding
 * of buffered records at write time.
 */
class PartitionBufferTest {
  static final String A = "5YJ3E7EB9NF000101";
  static final String B = "5YJ3E7EB9NF000102";

  static RawRecord record(String vin, long offset) {
    TeslaPayload p = new TeslaPayload(List.of(new TeslaDatum(TeslaField.SOC, new TeslaValue.StringValue("50"))),
        Instant.parse("2025-06-03T08:00:00Z").plusSeconds(offset), vin, false);
    return new RawRecord(offset, 1_700_000_000_000L + offset, 1_700_000_000_500L,
        vin.getBytes(StandardCharsets.UTF_8), TeslaProtoEncoder.encode(p), Arrays.asList(utf8("vin"), utf8(vin),
        utf8("txid"), null));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Chunk chunk(String vin, long... offsets) {
    List<RawRecord> records = new ArrayList<>();
    for (long o : offsets) {
      records.add(record(vin, o));
    }
    return Chunk.of(vin, records);
  }

  @Test
  void appliesTheCountAndAgeRulesPerKeyAndCommitsBelowTheLowestBufferedOffset() {
    PartitionBuffer b = PartitionBuffer.EMPTY.plus(List.of(chunk(A, 10, 12), chunk(B, 11)), 1_000)
        .plus(List.of(chunk(A, 13), chunk(B, 14)), 5_000);
    assertEquals(5, b.total());
    assertEquals(Set.of(A), b.full(3));
    assertEquals(Set.of(), b.due(30_999, 30_000, 1000), "30 s after the first unflushed one, not before");
    assertEquals(Set.of(A, B), b.due(31_000, 30_000, 1000));
    assertEquals(10, b.lowestOffset().getAsLong());
    assertEquals(1_000, b.oldestFirstMs().getAsLong());

    PartitionBuffer rest = b.without(Set.of(A));
    assertEquals(11, rest.lowestOffset().getAsLong());
    assertEquals(2, rest.total());
    assertEquals(List.of(11L, 14L), rest.chunks(B).stream().flatMap(c -> c.decode().stream())
        .map(RawRecord::offset).toList(), "small chunks merge, offsets stay in order");
    assertTrue(rest.without(Set.of(B)).isEmpty());
    assertTrue(rest.without(Set.of(B)).lowestOffset().isEmpty());
    // a key flushed and seen again starts a new age
    assertEquals(9_000, rest.without(Set.of(B)).plus(List.of(chunk(B, 16)), 9_000).oldestFirstMs().getAsLong());
  }

  @Test
  void roundTripsThroughItsCoderAndDecodesWhenWritten() throws Exception {
    RawRecord truncated = new RawRecord(3, 0, 1_700_000_000_900L, null, new byte[] {0x0A, (byte) 0xFF}, List.of());
    PartitionBuffer b = PartitionBuffer.EMPTY.plus(List.of(chunk(A, 1, 2), Chunk.of(truncated.bufferKey(),
        List.of(truncated))), 42);
    PartitionBuffer back = CoderUtils.decodeFromByteArray(PartitionBuffer.PartitionBufferCoder.INSTANCE,
        CoderUtils.encodeToByteArray(PartitionBuffer.PartitionBufferCoder.INSTANCE, b));
    assertEquals(Set.of(A, "~"), back.keys());
    assertEquals(3, back.total());
    assertEquals(42, back.oldestFirstMs().getAsLong());

    RawRecord r = back.chunks(A).get(0).decode().get(1);
    assertEquals(Arrays.asList("vin", A, "txid", null), r.headers().stream()
        .map(h -> h == null ? null : new String(h, StandardCharsets.UTF_8)).toList());
    Envelope e = TeslaRecordDecoder.decode("t_V", 7, r, "protobuf").get(0).envelope();
    assertNotNull(e);
    assertEquals("t_V:00007:00000000000000000002", e.sourceId());
    assertEquals(Instant.ofEpochMilli(1_700_000_000_500L), e.receivedAt());
    assertEquals(Instant.parse("2025-06-03T08:00:02Z"), e.eventTime());

    Item bad = TeslaRecordDecoder.decode("t_V", 7, back.chunks("~").get(0).decode().get(0), "auto").get(0);
    assertNull(bad.envelope());
    assertEquals("t_V:00007:00000000000000000003", bad.deadLetter().source());
    assertTrue(Arrays.equals(new byte[] {0x0A, (byte) 0xFF}, bad.deadLetter().original()));
    assertTrue(!bad.deadLetter().reason().isBlank());
  }
}
