package com.evalue.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.KafkaBroker;
import com.evalue.ingestion.support.TeslaStream;
import com.evalue.ingestion.tesla.TeslaIngestConfig;
import com.evalue.ingestion.tesla.TeslaIngestPipeline;
import com.evalue.io.archive.CompressedDay;
import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.compaction.CompactionPipeline;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Envelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Tesla stream on the SparkRunner in streaming mode (local[2]) against an in-process KRaft broker. */
class TeslaSparkStreamingTest {
  @TempDir Path dir;

  @Test
  void streamsToTempAndCommitsOnSparkStreaming() throws Exception {
    try (KafkaBroker kafka = new KafkaBroker()) {
      String topic = "spark_V";
      kafka.createTopic(topic, 2);
      TeslaStream stream = new TeslaStream(kafka.bootstrapServers(), topic, 17);
      stream.produce(new int[] {12, 8, 5}, "mixed", 0);
      Map<Integer, Long> end = stream.endOffsets(2);
      TeslaIngestConfig config = TeslaIngestConfig.defaults(kafka.bootstrapServers(), topic, dir.toString(), "spark")
          .withValueFormat("auto").withFlushRules(10, Duration.ofSeconds(1));
      SparkPipelineOptions options = PipelineOptionsFactory.create().as(SparkPipelineOptions.class);
      options.setRunner(SparkRunner.class);
      options.setSparkMaster("local[2]");
      options.setBatchIntervalMillis(500L);
      options.setCheckpointDir(dir.resolve("spark-checkpoint").toString());
      Pipeline p = TeslaIngestPipeline.create(config, options);
      TeslaIngestPipeline.build(p, config);
      PipelineResult result = p.run();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!committedToEnd(kafka, topic, end)) {
          assertTrue(System.nanoTime() < deadline, "offsets not committed to the end in time; state "
              + result.getState());
          Thread.sleep(200);
        }
      } finally {
        result.cancel();
      }
      Warehouse w = Warehouse.at(dir.toString());
      Set<String> keys = Archive.envelopes(w).stream().map(TeslaStream::dedupKey).collect(Collectors.toSet());
      assertEquals(stream.expectedKeys(), keys);
      Set<String> ids = Archive.envelopes(w).stream().map(Envelope::sourceId).collect(Collectors.toSet());
      stream.sent.forEach(s -> assertTrue(ids.contains(s.sourceId()), s.sourceId()));

      // the real compaction (DirectRunner): every produced record exactly once, duplicates gone, temp emptied
      StorageOptions o = PipelineOptionsFactory.fromArgs("--warehouse=" + dir).as(StorageOptions.class);
      Warehouse cw = Storage.configure(o);
      CompactionPipeline.run(o, cw, new CompactionPipeline.Request(List.of(Make.TESLA), Optional.empty()),
          Clock.fixed(Instant.parse("2025-06-16T00:15:00Z"), ZoneOffset.UTC), PipelineRun.Progress.SILENT);
      List<String> rows = cw.list(com.evalue.io.archive.ArchivePaths.compressedGlob(Make.TESLA)).stream()
          .flatMap(f -> CompressedDay.fromParquet(cw.read(f)).rows().stream()).map(TeslaStream::dedupKey).toList();
      assertEquals(stream.expectedKeys().size(), rows.size());
      assertEquals(stream.expectedKeys(), Set.copyOf(rows));
      assertTrue(stream.sent.size() > rows.size(), "the produced stream carried duplicates");
      assertTrue(Archive.tempObjects(cw).isEmpty());
    }
  }

  static boolean committedToEnd(KafkaBroker kafka, String topic, Map<Integer, Long> end) {
    try {
      Map<Integer, Long> c = TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), topic);
      return end.entrySet().stream().allMatch(e -> e.getValue() == 0
          || c.getOrDefault(e.getKey(), -1L).equals(e.getValue()));
    } catch (Exception e) {
      return false;
    }
  }
}
