package com.evalue.pipelines.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.CompressedDay;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.deadletter.DeadLetterFiles;
import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.compaction.CompactionPipeline;
import com.evalue.simulate.FleetSimulator;
import com.evalue.simulate.SimulationConfig;
import com.evalue.simulate.SimulationSummary;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.DecodeResult;
import com.evalue.transforms.source.SignalDecoder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulator output of every source → file ingestion → compaction, on the DirectRunner: nothing is lost, rejects
 * carry their reasons, duplicates are removed, re-ingestion changes nothing, and every archived payload decodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileIngestionEndToEndTest {
  static final LocalDate START = LocalDate.parse("2025-03-03");
  static final int DAYS = 3;
  /** Compaction runs the day after the last delivery file, so every data date is closed. */
  static final Clock AFTER = Clock.fixed(START.plusDays(DAYS + 2).atTime(0, 15).toInstant(ZoneOffset.UTC),
      ZoneOffset.UTC);

  @TempDir static Path tmp;
  SimulationSummary sim;
  StorageOptions options;
  Warehouse warehouse;
  IngestFilesPipeline.Report firstIngest;
  CompactionPipeline.Report firstCompaction;

  @BeforeAll
  void simulateIngestAndCompact() throws Exception {
    sim = new FleetSimulator(new SimulationConfig(10, DAYS, 7L, START, true, tmp.resolve("sim"))).run();
    options = PipelineOptionsFactory.fromArgs("--warehouse=" + tmp.resolve("wh")).as(StorageOptions.class);
    warehouse = Storage.configure(options);
    firstIngest = ingestAll();
    firstCompaction = compactAll();
  }

  IngestFilesPipeline.Report ingestAll() {
    List<IngestFilesPipeline.Source> sources = new ArrayList<>();
    for (Make m : Make.values()) {
      sources.add(new IngestFilesPipeline.Source(m, tmp.resolve("sim/payloads/" + m.code()).toString()));
    }
    return IngestFilesPipeline.run(options, warehouse, sources, Clock.systemUTC(), PipelineRun.Progress.SILENT);
  }

  CompactionPipeline.Report compactAll() {
    return CompactionPipeline.run(options, warehouse,
        new CompactionPipeline.Request(Arrays.asList(Make.values()), Optional.empty()), AFTER,
        PipelineRun.Progress.SILENT);
  }

  List<Envelope> archive() {
    List<Envelope> all = new ArrayList<>();
    for (Make m : Make.values()) {
      for (String p : warehouse.list(ArchivePaths.compressedGlob(m))) {
        all.addAll(CompressedDay.fromParquet(warehouse.read(p)).rows());
      }
    }
    return all;
  }

  /** Every compressed file's bytes by path. */
  Map<String, byte[]> compressedFiles() {
    Map<String, byte[]> files = new TreeMap<>();
    for (Make m : Make.values()) {
      for (String p : warehouse.list(ArchivePaths.compressedGlob(m))) {
        files.put(p, warehouse.read(p));
      }
    }
    return files;
  }

  @Test
  void everyMessageIsAcceptedOrDeadLetteredWithAReason() {
    long read = firstIngest.get("messagesRead");
    assertTrue(read > 1000, "simulated messages read: " + read);
    // A BMW push body carries several vehicles: each element is accepted or rejected on its own.
    assertTrue(firstIngest.get("envelopesAccepted") + firstIngest.get("rejected") >= read);
    List<DeadLetter> letters = new ArrayList<>();
    for (Make m : Make.values()) {
      letters.addAll(DeadLetterFiles.readAll(warehouse, "ingestion", m.code()));
    }
    assertEquals(firstIngest.get("rejected"), letters.size());
    long expectedRejects = sim.malformedTotal() - sim.malformedByKind().getOrDefault("future_timestamp", 0L);
    assertEquals(expectedRejects, letters.size(), "rejects vs malformed injected " + sim.malformedByKind());
    for (DeadLetter d : letters) {
      assertFalse(d.reason().isBlank());
      assertEquals("ingestion", d.stage());
    }
    // Each injected defect is rejected for what it is, not for some incidental error.
    for (DeadLetter d : letters) {
      assertTrue(d.reason().matches("(?s).*(invalid VIN|malformed|truncated|8th character X|protobuf).*"),
          "unexpected reason: " + d.reason());
    }
  }

  @Test
  void compactionRemovesEveryDuplicateAndKeepsEveryDistinctMessage() {
    List<Envelope> rows = archive();
    Set<String> keys = new HashSet<>();
    for (Envelope e : rows) {
      assertTrue(keys.add(e.vin() + "|" + e.eventTime() + "|" + e.contentHash()), "duplicate row " + e);
    }
    assertEquals(firstCompaction.get("envelopesRead"), rows.size() + firstCompaction.get("duplicatesRemoved"));
    assertTrue(firstCompaction.get("duplicatesRemoved") >= sim.duplicatesInjected() * 9 / 10,
        "removed " + firstCompaction.get("duplicatesRemoved") + " of " + sim.duplicatesInjected() + " injected");
    LocalDate today = LocalDate.ofInstant(AFTER.instant(), ZoneOffset.UTC);
    for (String left : warehouse.list("temp/**")) {
      LocalDate folder = ArchivePaths.dayOfTempObject(left).orElseThrow().date();
      assertFalse(folder.isBefore(today), "closed temp object left behind: " + left);
    }
  }

  @Test
  void everyArchivedPayloadDecodesWithTheSourceSchemas() {
    List<Envelope> rows = archive();
    assertTrue(rows.size() > 1000);
    Set<String> formats = new HashSet<>();
    for (Envelope e : rows) {
      DecodeResult r = SignalDecoder.decode(e);
      assertNull(r.error(), () -> "cannot decode " + e + ": " + r.error());
      assertFalse(r.values().isEmpty(), () -> "no signal in " + e);
      formats.add(e.payloadFormat().code());
    }
    assertEquals(Set.of("tesla_proto", "tesla_json", "hm_v13_json", "bmw_push_json", "bmw_cardata_json",
        "stellantis_carstate_json"), formats);
  }

  @Test
  @Order(Integer.MAX_VALUE) // changes the warehouse the other tests read
  void reIngestingTheSameFilesChangesNoArchivedByte() {
    List<Envelope> before = archive();
    Map<String, byte[]> filesBefore = compressedFiles();
    ingestAll();
    CompactionPipeline.Report again = compactAll();
    assertEquals(before, archive());
    // Every re-ingested envelope was a duplicate of an archived row: no row was added, no file rewritten.
    assertEquals(again.get("envelopesRead"), again.get("duplicatesRemoved"));
    assertEquals(0, again.get("rowsWritten"));
    assertEquals(again.vehicleDays(), again.get("daysUnchanged"));
    Map<String, byte[]> filesAfter = compressedFiles();
    assertEquals(filesBefore.keySet(), filesAfter.keySet());
    filesBefore.forEach((path, bytes) -> assertArrayEquals(bytes, filesAfter.get(path), path));
  }
}
