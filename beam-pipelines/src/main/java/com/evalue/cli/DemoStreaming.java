package com.evalue.cli;

import com.evalue.ingestion.kafka.EmbeddedKafka;
import com.evalue.ingestion.tesla.TeslaIngestConfig;
import com.evalue.ingestion.tesla.TeslaIngestPipeline;
import com.evalue.ingestion.tesla.TeslaIngestService;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.ingest.TeslaFeed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The Tesla part of {@code evalue demo --streaming}: an embedded KRaft broker, the simulated fleet's Tesla payloads
 * published to {@code tesla_V} as the Fleet Telemetry server would, and the streaming ingestion
 * ({@link TeslaIngestService}, the same as {@code evalue ingest tesla}) running until it has read everything, then
 * stopped the SIGTERM way: the final flush writes and commits what is buffered.
 */
final class DemoStreaming {
  static final String TOPIC = "tesla_V";
  static final int PARTITIONS = 4;
  /** How long the demo waits for the stream to read what was published before it gives up. */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(30);

  private DemoStreaming() {}

  /** What the stream did. */
  record Result(String bootstrapServers, long published, long recordsIn, long envelopesWritten, long deadLetters,
      long tempObjects, boolean committedToEnd, double seconds) {}

  static Result ingestTesla(Path teslaPayloads, Warehouse warehouse, PipelineOptions streamOptions,
      PrintWriter out) {
    long t0 = System.nanoTime();
    List<TeslaFeed.Message> messages = TeslaFeed.readFiles(teslaPayloads);
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic(TOPIC, PARTITIONS);
      TeslaIngestConfig config = TeslaIngestConfig.defaults(kafka.bootstrapServers(), TOPIC, warehouse.root(),
          TempBuffer.writerId("tesla")).withValueFormat("auto");
      TeslaIngestService service = TeslaIngestService.start(config, streamOptions, Clock.systemUTC(),
          Duration.ofSeconds(1));
      try {
        long published = TeslaFeed.publish(kafka.bootstrapServers(), TOPIC, messages);
        out.printf("  embedded Kafka (KRaft) at %s: %d Tesla records published to %s (%d partitions); streaming "
            + "ingestion running%n", kafka.bootstrapServers(), published, TOPIC, PARTITIONS);
        out.flush();
        awaitRead(service, published, out);
        boolean complete = service.stop(Duration.ofSeconds(60));
        Map<Integer, Long> end = endOffsets(kafka);
        Map<Integer, Long> committed = TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), TOPIC);
        boolean toEnd = complete && end.entrySet().stream()
            .allMatch(e -> e.getValue() == 0 || e.getValue().equals(committed.get(e.getKey())));
        var m = service.metrics();
        return new Result(kafka.bootstrapServers(), published, m.recordsIn.getCount(),
            m.envelopesWritten.getCount(), m.deadLetters.getCount(), m.tempObjectsWritten.getCount(), toEnd,
            (System.nanoTime() - t0) / 1e9);
      } catch (Exception e) {
        throw new IllegalStateException("streaming ingestion: " + e.getMessage(), e);
      } finally {
        service.stop(Duration.ofSeconds(10));
      }
    }
  }

  private static void awaitRead(TeslaIngestService service, long published, PrintWriter out)
      throws InterruptedException {
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    long nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (service.metrics().recordsIn.getCount() < published) {
      if (service.state() != PipelineResult.State.RUNNING) {
        throw new IllegalStateException("the Tesla stream stopped in state " + service.state());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Tesla stream read " + service.metrics().recordsIn.getCount() + " of "
            + published + " records in " + READ_TIMEOUT.toMinutes() + " min");
      }
      if (System.nanoTime() > nextNote) {
        out.printf("  ... %d of %d records read, %d envelopes written%n", service.metrics().recordsIn.getCount(),
            published, service.metrics().envelopesWritten.getCount());
        out.flush();
        nextNote = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      }
      Thread.sleep(100);
    }
  }

  private static Map<Integer, Long> endOffsets(EmbeddedKafka kafka) throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> q = new HashMap<>();
      for (int i = 0; i < PARTITIONS; i++) {
        q.put(new TopicPartition(TOPIC, i), OffsetSpec.latest());
      }
      Map<Integer, Long> out = new HashMap<>();
      admin.listOffsets(q).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp.partition(),
          info.offset()));
      return out;
    }
  }

  static void print(PrintWriter o, Result r) {
    o.printf("  tesla (streamed): records_published=%d records_read=%d envelopes_written=%d dead_letters=%d "
            + "temp_objects=%d offsets %s (%.1f s)%n", r.published(), r.recordsIn(), r.envelopesWritten(),
        r.deadLetters(), r.tempObjects(), r.committedToEnd() ? "committed to the end" : "NOT all committed",
        r.seconds());
    o.flush();
  }
}
