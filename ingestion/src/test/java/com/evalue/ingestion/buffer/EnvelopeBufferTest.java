package com.evalue.ingestion.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.MutableClock;
import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec: sources.md §1.6 — 1000 envelopes or 30 s, one object per data date, failed flush kept with backoff. */
class EnvelopeBufferTest {
  static final String VIN = "VF1SJ4YT2PY800871";
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(T0);
  final IngestionMetrics metrics = new IngestionMetrics("test", clock);
  final List<Envelope> confirmed = new ArrayList<>();

  EnvelopeBuffer buffer(Warehouse w) {
    return new EnvelopeBuffer(new TempObjectWriter(w, "test-writer"), clock, metrics, confirmed::addAll);
  }

  static Envelope envelope(String vin, Instant eventTime, Instant receivedAt, int n) {
    return new Envelope(vin, Make.RENAULT, eventTime, receivedAt, PayloadFormat.HM_V13_JSON,
        ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), "poll:test:" + n, String.format("%064d", n));
  }

  @Test
  void flushesThirtySecondsAfterTheFirstUnflushedEnvelopeOneObjectPerDataDate() {
    Warehouse w = Warehouse.at(dir.toString());
    EnvelopeBuffer buffer = buffer(w);
    buffer.add(envelope(VIN, Instant.parse("2025-06-01T23:59:59Z"), clock.instant(), 1));
    clock.advance(Duration.ofSeconds(10));
    buffer.add(envelope(VIN, Instant.parse("2025-06-02T09:59:00Z"), clock.instant(), 2));
    buffer.add(envelope(VIN, Instant.parse("2025-06-02T09:59:30Z"), clock.instant(), 3));

    clock.advance(Duration.ofSeconds(19)); // 29 s after the first
    assertEquals(0, buffer.flushDue());
    assertEquals(List.of(), Archive.tempObjects(w));

    clock.advance(Duration.ofSeconds(1)); // 30 s
    assertEquals(2, buffer.flushDue());
    List<String> objects = Archive.tempObjects(w);
    assertEquals(List.of(
        ArchivePaths.tempObject(Make.RENAULT, VIN, java.time.LocalDate.parse("2025-06-01"), "test-writer",
            T0.toEpochMilli(), 1),
        ArchivePaths.tempObject(Make.RENAULT, VIN, java.time.LocalDate.parse("2025-06-02"), "test-writer",
            T0.plusSeconds(10).toEpochMilli(), 2)), objects);
    assertEquals(List.of("poll:test:1"), TempBuffer.decodeAll(w.read(objects.get(0))).stream()
        .map(Envelope::sourceId).toList());
    assertEquals(List.of("poll:test:2", "poll:test:3"), TempBuffer.decodeAll(w.read(objects.get(1))).stream()
        .map(Envelope::sourceId).toList());
    assertEquals(0, buffer.buffered());
    assertEquals(3, confirmed.size());
    assertEquals(3, metrics.envelopesWritten.getCount());
  }

  @Test
  void aVinThatReachesOneThousandEnvelopesIsFlushedAtOnce() {
    Warehouse w = Warehouse.at(dir.toString());
    EnvelopeBuffer buffer = buffer(w);
    for (int i = 0; i < 1001; i++) {
      buffer.add(envelope(VIN, T0.minusSeconds(i), clock.instant(), i));
    }
    buffer.add(envelope("VF1SDNCR5NT668840", T0, clock.instant(), 5000));
    List<Envelope> written = Archive.envelopes(w);
    assertEquals(1000, written.size());
    assertEquals("poll:test:0", written.get(0).sourceId());
    assertEquals(2, buffer.buffered()); // the 1001st, and the other VIN (not due)
  }

  @Test
  void aFailedFlushKeepsTheBatchAtTheFrontAndRetriesWithDoublingBackoff() throws Exception {
    Warehouse w = Warehouse.at(dir.toString());
    Files.writeString(dir.resolve("temp"), "a file where the temp/ folder should be");
    EnvelopeBuffer buffer = buffer(w);
    buffer.add(envelope(VIN, T0, clock.instant(), 1));
    clock.advance(Duration.ofSeconds(30));
    assertEquals(0, buffer.flushDue());
    assertEquals(T0.plusSeconds(31), buffer.nextRetry("renault", VIN).orElseThrow());
    buffer.add(envelope(VIN, T0, clock.instant(), 2));

    clock.advance(Duration.ofMillis(999));
    buffer.flushDue(); // still in backoff: no attempt
    assertEquals(1, metrics.flushFailures.getCount());
    clock.advance(Duration.ofMillis(1));
    buffer.flushDue();
    assertEquals(2, metrics.flushFailures.getCount());
    assertEquals(clock.instant().plusSeconds(2), buffer.nextRetry("renault", VIN).orElseThrow());
    for (int i = 0; i < 8; i++) {
      clock.set(buffer.nextRetry("renault", VIN).orElseThrow());
      buffer.flushDue();
    }
    assertEquals(clock.instant().plusSeconds(60), buffer.nextRetry("renault", VIN).orElseThrow(),
        "backoff is capped at 60 s");

    Files.delete(dir.resolve("temp"));
    clock.advance(Duration.ofSeconds(60));
    assertEquals(1, buffer.flushDue());
    assertEquals(List.of("poll:test:1", "poll:test:2"),
        Archive.envelopes(w).stream().map(Envelope::sourceId).toList(), "nothing lost, order kept");
    assertTrue(buffer.nextRetry("renault", VIN).isEmpty());
  }

  @Test
  void shutdownFlushWritesEverythingIncludingDeadLetters() {
    Warehouse w = Warehouse.at(dir.toString());
    EnvelopeBuffer buffer = buffer(w);
    buffer.add(envelope(VIN, T0, clock.instant(), 1));
    buffer.add(envelope("VF1SDNCR5NT668840", T0, clock.instant(), 2));
    buffer.reject(DeadLetter.at("ingestion", "stellantis", "", "poll:x", "bad", new byte[] {1}, clock.instant()));
    assertTrue(buffer.flushAll(Duration.ofSeconds(10)));
    assertEquals(2, Archive.envelopes(w).size());
    assertEquals(1, Archive.deadLetters(w, "stellantis").size());
    assertEquals(0, buffer.buffered());
  }

  @Test
  void shutdownFlushGivesUpAfterItsDeadlineAndSaysSo() throws Exception {
    Warehouse w = Warehouse.at(dir.toString());
    Files.writeString(dir.resolve("temp"), "blocked");
    EnvelopeBuffer buffer = buffer(w);
    buffer.add(envelope(VIN, T0, clock.instant(), 1));
    assertEquals(false, buffer.flushAll(Duration.ofMillis(50)));
    assertEquals(1, buffer.buffered());
  }
}
