package com.evalue.io.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.io.parquet.ParquetBytes;
import com.evalue.transforms.model.ContentHash;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.junit.jupiter.api.Test;

class CompressedDayTest {
  static final String VIN = "5YJ3E7EB9NF000123";
  static final Instant T0 = Instant.parse("2025-06-14T09:12:31.482123Z");

  static Envelope env(Instant event, Instant received, String sourceId, String body) {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    return new Envelope(VIN, Make.TESLA, event, received, PayloadFormat.TESLA_JSON, payload, sourceId,
        ContentHash.sha256Hex(payload));
  }

  @Test
  void keepsTheEarliestCopyOfEachMessageAndSortsByEventTime() {
    Envelope a = env(T0, T0.plusSeconds(5), "tesla_V:00000:00000000000000000010", "{\"a\":1}");
    Envelope aLater = env(T0, T0.plusSeconds(9), "tesla_V:00000:00000000000000000002", "{\"a\":1}");
    Envelope aSameTimeLowerSource = env(T0, T0.plusSeconds(5), "tesla_V:00000:00000000000000000003", "{\"a\":1}");
    Envelope b = env(T0.minusSeconds(60), T0.plusSeconds(1), "tesla_V:00000:00000000000000000011", "{\"b\":2}");
    Envelope aOtherTime = env(T0.plusSeconds(1), T0.plusSeconds(5), "tesla_V:00000:00000000000000000012",
        "{\"a\":1}");

    CompressedDay.Merge m = CompressedDay.merge(List.of(a), List.of(aLater, b, aSameTimeLowerSource, aOtherTime));

    assertEquals(2, m.duplicatesRemoved());
    assertEquals(List.of(b, aSameTimeLowerSource, aOtherTime), m.day().rows());
    assertFalse(m.unchanged());
  }

  @Test
  void aMergeThatKeepsExactlyTheArchivedRowsIsUnchanged() {
    String sourceA = "tesla_V:00000:00000000000000000010";
    String sourceB = "tesla_V:00000:00000000000000000011";
    CompressedDay.Merge first = CompressedDay.merge(List.of(), List.of(
        env(T0, T0.plusSeconds(5), sourceA, "{\"a\":1}"), env(T0.minusSeconds(60), T0.plusSeconds(1), sourceB,
            "{\"b\":2}")));
    assertFalse(first.unchanged(), "a new day");
    List<Envelope> archived = first.day().rows();

    // a replayed temp object (equal in every field, other objects) and a later re-send of one message
    CompressedDay.Merge replay = CompressedDay.merge(archived, List.of(
        env(T0, T0.plusSeconds(5), sourceA, "{\"a\":1}"),
        env(T0.minusSeconds(60), T0.plusSeconds(1), sourceB, "{\"b\":2}"),
        env(T0, T0.plusSeconds(90), "tesla_V:00000:00000000000000000042", "{\"a\":1}")));
    assertTrue(replay.unchanged());
    assertEquals(3, replay.duplicatesRemoved());
    assertEquals(archived, replay.day().rows());
    for (int i = 0; i < archived.size(); i++) {
      assertSame(archived.get(i), replay.day().rows().get(i), "the archived row is the one kept");
    }

    // a copy received earlier than the archived one replaces it; a new message adds a row
    assertFalse(CompressedDay.merge(archived, List.of(env(T0, T0.plusSeconds(2), sourceA, "{\"a\":1}")))
        .unchanged());
    assertFalse(CompressedDay.merge(archived, List.of(env(T0.plusSeconds(1), T0.plusSeconds(5),
        "tesla_V:00000:00000000000000000012", "{\"c\":3}"))).unchanged());
  }

  @Test
  void parquetRoundTripKeepsRowsMetadataAndMicroseconds() throws Exception {
    Envelope a = env(T0, T0.plusSeconds(5), "s1", "{\"a\":1}");
    Envelope b = env(T0.plusSeconds(30), T0.plusSeconds(31), "s2", "{\"b\":1}");
    CompressedDay day = CompressedDay.merge(List.of(), List.of(b, a)).day();

    byte[] file = day.toParquet(Instant.parse("2025-06-15T00:15:00Z"));
    CompressedDay back = CompressedDay.fromParquet(file);

    assertEquals(day.rows(), back.rows());
    assertEquals(day.contentDigest(), back.contentDigest());
    Map<String, String> meta = ParquetBytes.metadata(file);
    assertEquals("2", meta.get(CompressedDay.ROW_COUNT_KEY));
    assertEquals(day.contentDigest(), meta.get(CompressedDay.CONTENT_DIGEST_KEY));
    assertEquals("2025-06-15T00:15:00.000000Z", meta.get(CompressedDay.COMPACTED_AT_KEY));
    assertEquals("1", meta.get(ParquetBytes.SCHEMA_VERSION_KEY));
    assertEquals(ContentHash.sha256Hex(a.contentHash() + b.contentHash()), day.contentDigest());
    // Same rows and time -> the same bytes: compaction output is deterministic.
    assertArrayEquals(file, day.toParquet(Instant.parse("2025-06-15T00:15:00Z")));
  }

  @Test
  void parquetColumnsAreZstdAndMicrosecondTimestamps() throws Exception {
    byte[] file = CompressedDay.merge(List.of(), List.of(env(T0, T0, "s", "{}"))).day().toParquet(T0);
    var footer = ParquetBytes.class; // footer is read through parquet-hadoop below
    try (ParquetFileReader r = ParquetFileReader.open(new org.apache.parquet.io.InputFile() {
      @Override
      public long getLength() {
        return file.length;
      }

      @Override
      public org.apache.parquet.io.SeekableInputStream newStream() {
        return new org.apache.parquet.io.DelegatingSeekableInputStream(
            new java.io.ByteArrayInputStream(file)) {
          long pos;

          @Override
          public long getPos() {
            return pos;
          }

          @Override
          public void seek(long newPos) {
            try {
              getStream().reset();
              getStream().skip(newPos);
              pos = newPos;
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }

          @Override
          public int read() throws java.io.IOException {
            pos++;
            return super.read();
          }

          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              pos += n;
            }
            return n;
          }
        };
      }
    })) {
      var block = r.getFooter().getBlocks().get(0);
      block.getColumns().forEach(c -> assertEquals("ZSTD", c.getCodec().name()));
      String schema = r.getFooter().getFileMetaData().getSchema().toString();
      assertEquals(true, schema.contains("event_time (TIMESTAMP(MICROS,true))"), schema);
    }
    assertNotEquals(0, footer.getName().length());
  }
}
