package com.evalue.ingestion.tesla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.KafkaBroker;
import com.evalue.ingestion.support.TeslaStream;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tesla stream against a real in-process KRaft broker (spec: sources.md §1.6, §1.7, §2). "After compaction" is
 * checked with compaction's de-duplication key (vin, event_time, content_hash; storage.md §3.3.4): the
 * {@code CompactionPipeline} itself lives in beam-pipelines, which depends on this module.
 */
class TeslaIngestPipelineTest {
  static KafkaBroker kafka;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = new KafkaBroker();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  TeslaIngestConfig config(String topic) {
    return TeslaIngestConfig.defaults(kafka.bootstrapServers(), topic, dir.toString(), "test-writer")
        .withValueFormat("auto");
  }

  static PipelineResult startStreaming(TeslaIngestConfig config) {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    options.setTargetParallelism(2);
    Pipeline p = TeslaIngestPipeline.create(config, options);
    TeslaIngestPipeline.build(p, config);
    return p.run();
  }

  /** A bounded catch-up on the DirectRunner, to its end; its final state. */
  static PipelineResult.State runBounded(TeslaIngestConfig config) {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    Pipeline p = TeslaIngestPipeline.create(config, options);
    assertTrue(TeslaIngestPipeline.build(p, config));
    return p.run().waitUntilFinish();
  }

  static void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  static boolean committedToEnd(String topic, Map<Integer, Long> end) {
    try {
      Map<Integer, Long> committed = TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), topic);
      return end.entrySet().stream().allMatch(e -> e.getValue() == 0
          || committed.getOrDefault(e.getKey(), -1L).equals(e.getValue()));
    } catch (Exception e) {
      return false;
    }
  }

  /** Every produced valid record is in temp (by source_id) and after compaction's de-duplication exactly once. */
  static void assertExactlyOnceAfterCompaction(Warehouse w, TeslaStream stream) {
    List<Envelope> temp = Archive.envelopes(w);
    Set<String> sourceIds = temp.stream().map(Envelope::sourceId).collect(Collectors.toSet());
    stream.sent.forEach(s -> assertTrue(sourceIds.contains(s.sourceId()), "missing " + s.sourceId()));
    Map<String, Long> compacted = temp.stream()
        .collect(Collectors.groupingBy(TeslaStream::dedupKey, Collectors.counting()));
    assertEquals(stream.expectedKeys(), compacted.keySet());
    // every temp envelope comes from a produced valid record: nothing invented, nothing malformed
    Set<String> valid = new HashSet<>();
    stream.sent.forEach(s -> valid.add(s.sourceId()));
    assertTrue(valid.containsAll(sourceIds));
  }

  @Test
  void streamsMixedEncodingsToTempAndDeadLettersThenCommitsEverything() throws Exception {
    String topic = "stream_V";
    kafka.createTopic(topic, 3);
    TeslaStream stream = new TeslaStream(kafka.bootstrapServers(), topic, 7);
    stream.produce(new int[] {20, 15, 6, 3}, "mixed", 0);
    stream.produceMalformed(true); // mid-stream: what follows must still arrive
    stream.produce(new int[] {20, 15, 6, 2}, "mixed", 20);
    Map<Integer, Long> end = stream.endOffsets(3);
    // 25 envelopes per VIN, or 1 s after the first unflushed one
    TeslaIngestConfig config = config(topic).withFlushRules(25, Duration.ofSeconds(1));
    PipelineResult run = startStreaming(config);
    try {
      await("offsets committed to the end", () -> committedToEnd(topic, end));
    } finally {
      run.cancel();
    }
    Warehouse w = Warehouse.at(dir.toString());
    assertExactlyOnceAfterCompaction(w, stream);
    assertTrue(stream.sent.size() > stream.expectedKeys().size(), "the stream carried duplicates");
    List<DeadLetter> letters = Archive.deadLetters(w, "tesla");
    assertEquals(stream.bad.size(), letters.size());
    Map<String, DeadLetter> bySource = new HashMap<>();
    letters.forEach(d -> bySource.put(d.source(), d));
    for (TeslaStream.Bad b : stream.bad) {
      DeadLetter d = bySource.get(b.sourceId());
      assertArrayEquals(b.value(), d.original());
      assertFalse(d.reason().isBlank());
    }
    assertTrue(Archive.tempObjects(w).stream().allMatch(p -> p.startsWith("temp/tesla/")));
    // the count rule writes objects of at most 25 envelopes, whatever a bundle brought at once
    Archive.tempObjects(w).forEach(p -> assertTrue(
        com.evalue.io.archive.TempBuffer.decodeAll(w.read(p)).size() <= 25, p));
  }

  @Test
  void crashMidStreamThenRestartFromCommittedOffsetsLosesNothing() throws Exception {
    String topic = "crash_V";
    kafka.createTopic(topic, 2);
    TeslaStream stream = new TeslaStream(kafka.bootstrapServers(), topic, 11);
    // vin(4) shares partition 1 with vin(0) and vin(1) and never reaches 10: it pins that partition's commit below
    // records that vin(0) and vin(1) have written, so run 2 must read some of them again
    stream.produce(new int[] {34, 27, 6, 4, 5}, "protobuf", 0);
    Map<Integer, Long> end = stream.endOffsets(2);
    Warehouse w = Warehouse.at(dir.toString());
    // run 1: only the count rule can fire (10 envelopes); the rest stays buffered when the run dies
    PipelineResult first = startStreaming(config(topic).withFlushRules(10, Duration.ofHours(1)));
    try {
      await("some flushes and commits", () -> Archive.envelopes(w).size() >= 60 && committedSomewhere(topic));
    } finally {
      first.cancel(); // a crash: no shutdown flush
    }
    Map<Integer, Long> committed = TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), topic);
    assertTrue(end.entrySet().stream().anyMatch(e -> committed.getOrDefault(e.getKey(), 0L) < e.getValue()),
        "run 1 left records unwritten");
    int beforeRestart = Archive.envelopes(w).size();
    assertTrue(beforeRestart < stream.sent.size());

    // more records arrive while the pipeline is down; run 2 resumes from the committed offsets
    stream.produce(new int[] {3, 3, 3, 3}, "json", 100);
    Map<Integer, Long> end2 = stream.endOffsets(2);
    PipelineResult second = startStreaming(config(topic).withValueFormat("auto")
        .withFlushRules(10, Duration.ofSeconds(1)));
    try {
      await("offsets committed to the end", () -> committedToEnd(topic, end2));
    } finally {
      second.cancel();
    }
    assertExactlyOnceAfterCompaction(w, stream);
    // run 2 started at the committed offsets: records written by run 1 above them were read again (duplicates in
    // temp, removed by compaction), records below them were not
    Map<String, Long> perSource = Archive.envelopes(w).stream()
        .collect(Collectors.groupingBy(Envelope::sourceId, Collectors.counting()));
    assertTrue(perSource.values().stream().anyMatch(n -> n > 1), "run 2 re-read from the committed offsets");
    perSource.forEach((sourceId, n) -> {
      int partition = Integer.parseInt(sourceId.split(":")[1]);
      long offset = Long.parseLong(sourceId.split(":")[2]);
      if (offset < committed.getOrDefault(partition, 0L)) {
        assertEquals(1L, n, sourceId + " was below the committed offset and must not be read again");
      }
    });
  }

  @Test
  void brokerRestartWhileThePipelineRunsLosesNothing() throws Exception {
    String topic = "restart_V";
    kafka.createTopic(topic, 2);
    TeslaStream stream = new TeslaStream(kafka.bootstrapServers(), topic, 5);
    stream.produce(new int[] {12, 8, 5}, "protobuf", 0);
    Warehouse w = Warehouse.at(dir.toString());
    PipelineResult run = startStreaming(config(topic).withFlushRules(10, Duration.ofSeconds(1)));
    try {
      await("first records written", () -> !Archive.tempObjects(w).isEmpty() && committedSomewhere(topic));
      kafka.restartBroker();
      stream.produce(new int[] {12, 8, 5}, "protobuf", 50);
      Map<Integer, Long> end = stream.endOffsets(2);
      await("offsets committed to the end after the restart", () -> committedToEnd(topic, end));
    } finally {
      run.cancel();
    }
    assertExactlyOnceAfterCompaction(w, stream);
  }

  static boolean committedSomewhere(String topic) {
    try {
      return TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), topic).values().stream()
          .anyMatch(o -> o > 0);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void boundedCatchUpReadsToTheEndOffsetsWritesCommitsAndStops() throws Exception {
    String topic = "catchup_V";
    kafka.createTopic(topic, 2);
    TeslaStream stream = new TeslaStream(kafka.bootstrapServers(), topic, 3);
    stream.produce(new int[] {15, 9, 4}, "protobuf", 0);
    stream.produceMalformed(false);
    Map<Integer, Long> end = stream.endOffsets(2);
    TeslaIngestConfig config = config(topic).withValueFormat("protobuf").withUntilEndOffsets(true);
    assertEquals(PipelineResult.State.DONE, runBounded(config));
    assertTrue(committedToEnd(topic, end));
    Warehouse w = Warehouse.at(dir.toString());
    assertExactlyOnceAfterCompaction(w, stream);
    assertEquals(stream.bad.size(), Archive.deadLetters(w, "tesla").size());
    // nothing new: the next catch-up has nothing to do
    Pipeline again = TeslaIngestPipeline.create(config, PipelineOptionsFactory.create());
    assertFalse(TeslaIngestPipeline.build(again, config));
  }
}
