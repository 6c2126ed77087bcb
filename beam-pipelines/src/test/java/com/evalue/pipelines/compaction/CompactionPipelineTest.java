package com.evalue.pipelines.compaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.ChangeLog;
import com.evalue.io.archive.CompressedDay;
import com.evalue.io.archive.DayKey;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.deadletter.DeadLetterFiles;
import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.io.testing.InProcessS3;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.transforms.model.ContentHash;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compaction on local disk and on an in-process S3 server: dedup, atomic idempotent rewrites, crash safety. */
class CompactionPipelineTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-16T00:15:00Z"), ZoneOffset.UTC);
  static final LocalDate D1 = LocalDate.parse("2025-06-14");
  static final LocalDate D2 = LocalDate.parse("2025-06-15");
  static final LocalDate TODAY = LocalDate.parse("2025-06-16");
  static final String VIN_A = "5YJ3E7EB9NF000123";
  static final String VIN_B = "5YJ3E7EB9NF000124";

  @TempDir Path tmp;

  record Store(StorageOptions options, Warehouse warehouse) {}

  Store store(String kind) {
    if (kind.equals("s3")) {
      StorageOptions o = InProcessS3.options("compaction-" + UUID.randomUUID());
      return new Store(o, Storage.configure(o));
    }
    StorageOptions o = PipelineOptionsFactory.fromArgs("--warehouse=" + tmp.resolve("wh")).as(StorageOptions.class);
    return new Store(o, Storage.configure(o));
  }

  static Envelope env(String vin, Instant event, Instant received, String sourceId, String body) {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    return new Envelope(vin, Make.TESLA, event, received, PayloadFormat.TESLA_JSON, payload, sourceId,
        ContentHash.sha256Hex(payload));
  }

  static Instant at(LocalDate d, int hour, int minute) {
    return d.atTime(hour, minute).toInstant(ZoneOffset.UTC);
  }

  static void writeTemp(Warehouse w, String vin, LocalDate date, long seq, List<Envelope> envelopes) {
    w.write(ArchivePaths.tempObject(Make.TESLA, vin, date, "test-writer", 1000L + seq, seq),
        TempBuffer.encode(envelopes));
  }

  static CompactionPipeline.Report compact(Store s, Optional<LocalDate> date) {
    return compact(s, date, CLOCK);
  }

  static CompactionPipeline.Report compact(Store s, Optional<LocalDate> date, Clock clock) {
    return CompactionPipeline.run(s.options(), s.warehouse(),
        new CompactionPipeline.Request(List.of(Make.TESLA), date), clock, PipelineRun.Progress.SILENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "s3"})
  void compactsClosedDaysRemovesDuplicatesAndIsIdempotent(String kind) throws Exception {
    Store s = store(kind);
    Warehouse w = s.warehouse();
    Envelope a1 = env(VIN_A, at(D1, 9, 0), at(D1, 9, 1), "k:0:1", "{\"soc\":50}");
    Envelope a1Again = env(VIN_A, at(D1, 9, 0), at(D1, 9, 3), "k:0:7", "{\"soc\":50}");
    Envelope a2 = env(VIN_A, at(D1, 8, 0), at(D1, 9, 2), "k:0:2", "{\"soc\":49}");
    Envelope b1 = env(VIN_B, at(D2, 23, 59), at(TODAY, 0, 1), "k:1:1", "{\"soc\":70}");
    Envelope today = env(VIN_A, at(TODAY, 0, 5), at(TODAY, 0, 6), "k:0:9", "{\"soc\":51}");
    writeTemp(w, VIN_A, D1, 1, List.of(a1, a2));
    writeTemp(w, VIN_A, D1, 2, List.of(a1Again, a1));
    writeTemp(w, VIN_B, D2, 3, List.of(b1));
    writeTemp(w, VIN_A, TODAY, 4, List.of(today));
    // a message stamped nine days ahead of our clock: archived as received, once its date closes
    Envelope ahead = env(VIN_B, at(TODAY.plusDays(9), 7, 0), at(D2, 12, 0), "k:1:2", "{\"soc\":71}");
    writeTemp(w, VIN_B, TODAY.plusDays(9), 6, List.of(ahead));
    // A temp object with one good and one malformed line.
    w.write(ArchivePaths.tempObject(Make.TESLA, VIN_B, D2, "test-writer", 2000L, 5),
        gzip(jsonLine(b1) + "\n{\"vin\":\"broken\n"));

    CompactionPipeline.Report r = compact(s, Optional.empty());

    assertEquals(2, r.vehicleDays());
    assertEquals(4, r.tempObjectsDeleted());
    assertEquals(6, r.get("envelopesRead"));
    assertEquals(3, r.get("duplicatesRemoved"));
    assertEquals(3, r.get("rowsWritten"));
    assertEquals(1, r.get("malformedLines"));

    CompressedDay dayA = CompressedDay.fromParquet(w.read(ArchivePaths.compressedObject(
        new DayKey(Make.TESLA, VIN_A, D1))));
    assertEquals(List.of(a2, a1), dayA.rows()); // sorted by event time, earliest copy of a1 kept
    CompressedDay dayB = CompressedDay.fromParquet(w.read(ArchivePaths.compressedObject(
        new DayKey(Make.TESLA, VIN_B, D2))));
    assertEquals(List.of(b1), dayB.rows());

    // Today's and the future folder wait; closed folders are gone.
    assertEquals(Set.of(ArchivePaths.tempObject(Make.TESLA, VIN_A, TODAY, "test-writer", 1004L, 4),
            ArchivePaths.tempObject(Make.TESLA, VIN_B, TODAY.plusDays(9), "test-writer", 1006L, 6)),
        Set.copyOf(w.list(ArchivePaths.tempGlob(Make.TESLA))));
    assertEquals(new CompactionPipeline.Waiting(2, Optional.of(TODAY), Optional.of(TODAY.plusDays(9))), r.waiting());

    List<ChangeLog.Entry> changes = ChangeLog.fromParquet(w.read(ArchivePaths.changeLog(Make.TESLA,
        CLOCK.instant())));
    assertEquals(List.of(new ChangeLog.Entry(VIN_A, D1, dayA.contentDigest()),
        new ChangeLog.Entry(VIN_B, D2, dayB.contentDigest())), changes);

    List<DeadLetter> letters = DeadLetterFiles.readAll(w, "compaction", "tesla");
    assertEquals(1, letters.size());
    assertEquals(D2, letters.get(0).date());
    assertTrue(letters.get(0).reason().startsWith("malformed envelope line"), letters.get(0).reason());
    assertEquals("{\"vin\":\"broken", new String(letters.get(0).original(), StandardCharsets.UTF_8));
    com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(w.read("runs/compaction/tesla/" + r.runId() + ".json")).get("counters");
    assertEquals(6, summary.get("envelopesRead").asLong());
    assertEquals(4, summary.get("tempObjectsRead").asLong());
    summary.fieldNames().forEachRemaining(name -> assertFalse(name.contains("."), "the make's own counters: " + name));

    // Second run: nothing closed is left, every compressed file is byte-identical.
    Map<String, byte[]> before = snapshot(w);
    CompactionPipeline.Report again = compact(s, Optional.empty());
    assertEquals(0, again.vehicleDays());
    Map<String, byte[]> after = snapshot(w);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
  }

  @Test
  void aCrashBeforeTheDeletesIsRepairedByTheRerunWithIdenticalRows() {
    Store s = store("local");
    Warehouse w = s.warehouse();
    Envelope a1 = env(VIN_A, at(D1, 9, 0), at(D1, 9, 1), "k:0:1", "{\"soc\":50}");
    Envelope a2 = env(VIN_A, at(D1, 10, 0), at(D1, 10, 1), "k:0:2", "{\"soc\":40}");
    writeTemp(w, VIN_A, D1, 1, List.of(a1, a2));
    writeTemp(w, VIN_A, D1, 2, List.of(a2));
    Map<String, byte[]> temp = new HashMap<>();
    for (String p : w.list(ArchivePaths.tempGlob(Make.TESLA))) {
      temp.put(p, w.read(p));
    }
    compact(s, Optional.empty());
    String file = ArchivePaths.compressedObject(new DayKey(Make.TESLA, VIN_A, D1));
    CompressedDay first = CompressedDay.fromParquet(w.read(file));

    // The process died after writing the file and the change log but before deleting L: L is still there.
    temp.forEach(w::write);
    // … and a late envelope for the same day arrived meanwhile.
    Envelope late = env(VIN_A, at(D1, 11, 0), at(D2, 3, 0), "k:0:3", "{\"soc\":35}");
    writeTemp(w, VIN_A, D1, 3, List.of(late));

    CompactionPipeline.Report rerun = compact(s, Optional.of(D1));
    CompressedDay second = CompressedDay.fromParquet(w.read(file));
    assertEquals(3, rerun.get("duplicatesRemoved"));
    List<Envelope> expected = new ArrayList<>(first.rows());
    expected.add(late);
    assertEquals(expected, second.rows());
    assertTrue(w.list(ArchivePaths.tempGlob(Make.TESLA)).isEmpty());
  }

  @Test
  void aReplayThatAddsNothingLeavesTheFileByteIdenticalAndLogsItsDigestAgain() {
    Store s = store("local");
    Warehouse w = s.warehouse();
    writeTemp(w, VIN_A, D1, 1, List.of(env(VIN_A, at(D1, 9, 0), at(D1, 9, 1), "k:0:1", "{\"soc\":50}"),
        env(VIN_A, at(D1, 10, 0), at(D1, 10, 1), "k:0:2", "{\"soc\":40}")));
    Map<String, byte[]> temp = new HashMap<>();
    for (String p : w.list(ArchivePaths.tempGlob(Make.TESLA))) {
      temp.put(p, w.read(p));
    }
    compact(s, Optional.empty());
    String file = ArchivePaths.compressedObject(new DayKey(Make.TESLA, VIN_A, D1));
    byte[] first = w.read(file);

    // The process died before deleting L; the rerun comes a day later (another evalue.compacted_at), and the
    // same message was meanwhile sent again.
    temp.forEach(w::write);
    writeTemp(w, VIN_A, D1, 2, List.of(env(VIN_A, at(D1, 9, 0), at(D2, 5, 0), "k:0:8", "{\"soc\":50}")));
    Clock later = Clock.offset(CLOCK, Duration.ofDays(1));
    CompactionPipeline.Report rerun = compact(s, Optional.empty(), later);

    assertArrayEquals(first, w.read(file));
    assertEquals(3, rerun.get("duplicatesRemoved"));
    assertEquals(0, rerun.get("rowsWritten"));
    assertEquals(1, rerun.get("daysUnchanged"));
    assertEquals(List.of(new ChangeLog.Entry(VIN_A, D1, CompressedDay.fromParquet(first).contentDigest())),
        ChangeLog.fromParquet(w.read(ArchivePaths.changeLog(Make.TESLA, later.instant()))));
    assertTrue(w.list(ArchivePaths.tempGlob(Make.TESLA)).isEmpty());
  }

  @Test
  void refusesADateThatIsNotClosed() {
    Store s = store("local");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> compact(s, Optional.of(TODAY)));
    assertTrue(e.getMessage().contains("not closed"), e.getMessage());
  }

  private static Map<String, byte[]> snapshot(Warehouse w) {
    Map<String, byte[]> out = new HashMap<>();
    for (String p : w.list("compressed/**")) {
      out.put(p, w.read(p));
    }
    return out;
  }

  private static String jsonLine(Envelope e) {
    return com.evalue.transforms.model.EnvelopeJson.toLine(e);
  }

  private static byte[] gzip(String text) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
