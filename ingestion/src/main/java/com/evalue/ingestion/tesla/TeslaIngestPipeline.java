package com.evalue.ingestion.tesla;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code evalue ingest tesla}: Tesla Fleet Telemetry from Kafka to the temp buffer (spec: sources.md §1.6, §1.7,
 * §2; storage.md §2).
 *
 * <pre>
 * KafkaIO (group evalue-tesla-ingestion, no auto-commit, earliest, starts at the group's committed offsets;
 *          consumers from a JVM-wide pool, see ConsumerPool)
 *   → BatchRecordsFn   (per bundle, one element per partition: its records, as received, in chunks per VIN)
 *   → PartitionFlushFn (global window, per-partition state: per-VIN buffer, 1000 envelopes / 30 s processing-time
 *                       flush; a flush decodes its records (protobuf | json | auto → envelope, or dead letter with
 *                       raw bytes and reason), writes temp objects and dead letters, then commits the partition)
 * </pre>
 *
 * <p>Windowing: the §1.6 rule is a processing-time rule per VIN ("30 s after its first unflushed envelope"), which
 * event-time windows do not express; the global window with keyed state and processing-time timers implements it
 * exactly, and lets the commit know which offsets are durable.
 *
 * <p>Streaming (default) runs until cancelled; {@code untilEndOffsets} reads from the committed offsets to the end
 * offsets seen at start ({@code withMaxNumRecords}, a bounded read) and then stops after writing and committing all.
 */
public final class TeslaIngestPipeline {
  private TeslaIngestPipeline() {}

  /** Consumer settings of sources.md §2.1. */
  static Map<String, Object> consumerConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.GROUP_ID_CONFIG, TeslaIngestConfig.GROUP_ID);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000);
    c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 60_000);
    c.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    return c;
  }

  /**
   * Adds the ingestion to {@code p}. Returns false when a bounded catch-up finds nothing to read (the pipeline is
   * then left empty and need not run).
   */
  public static boolean build(Pipeline p, TeslaIngestConfig config) {
    KafkaIO.Read<byte[], byte[]> read = read(config);
    if (config.untilEndOffsets()) {
      long backlog = backlog(config);
      if (backlog == 0) {
        return false;
      }
      read = read.withMaxNumRecords(backlog);
    }
    PCollection<KV<Integer, List<Chunk>>> batches = p.apply("ReadKafka", read)
        .apply("BatchPerPartition", ParDo.of(new BatchRecordsFn(config.writerId())))
        .setCoder(KvCoder.of(VarIntCoder.of(), ListCoder.of(Chunk.ChunkCoder.INSTANCE)));
    batches.apply("BufferWriteCommit", ParDo.of(config.untilEndOffsets()
        ? new PartitionFlushFn.Bounded(config) : new PartitionFlushFn.Streaming(config)));
    return true;
  }

  /**
   * The Kafka read: the group's consumer settings, consumers from the {@link ConsumerPool} (the end-offsets
   * consumer under a fixed group id, so that it pools as well; it never joins nor commits).
   */
  public static KafkaIO.Read<byte[], byte[]> read(TeslaIngestConfig config) {
    return KafkaIO.<byte[], byte[]>read()
        .withBootstrapServers(config.bootstrapServers())
        .withTopic(config.topic())
        .withKeyDeserializer(ByteArrayDeserializer.class)
        .withValueDeserializer(ByteArrayDeserializer.class)
        .withConsumerConfigUpdates(consumerConfig())
        .withConsumerFactoryFn(ConsumerPool.withClientSettings(config.kafkaProperties()))
        .withOffsetConsumerConfigOverrides(Map.of(ConsumerConfig.GROUP_ID_CONFIG,
            TeslaIngestConfig.GROUP_ID + "-end-offsets"));
  }

  /** Streaming unless bounded; the runner is the options' (DirectRunner by default, SparkRunner with --runner). */
  public static Pipeline create(TeslaIngestConfig config, PipelineOptions options) {
    options.as(StreamingOptions.class).setStreaming(!config.untilEndOffsets());
    return Pipeline.create(options);
  }

  /** Records between the group's committed offsets (else the beginning) and the current end offsets. */
  static long backlog(TeslaIngestConfig config) {
    try (Admin admin = Admin.create(config.clientProperties())) {
      return backlog(admin, config.topic(), 30);
    } catch (Exception e) {
      throw new IllegalStateException("tesla: cannot read offsets of " + config.topic() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Σ over the topic's partitions of its end offset − the group's committed offset (else the earliest offset): the
   * bounded catch-up's backlog and the stream's Kafka lag. Each Admin call waits at most {@code timeoutSeconds}.
   */
  static long backlog(Admin admin, String topic, long timeoutSeconds) throws Exception {
    Set<TopicPartition> parts = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(timeoutSeconds, TimeUnit.SECONDS).get(topic).partitions().stream()
        .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toSet());
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(TeslaIngestConfig.GROUP_ID)
        .partitionsToOffsetAndMetadata().get(timeoutSeconds, TimeUnit.SECONDS);
    var ends = admin.listOffsets(parts.stream().collect(Collectors.toMap(t -> t, t -> OffsetSpec.latest())))
        .all().get(timeoutSeconds, TimeUnit.SECONDS);
    var starts = admin.listOffsets(parts.stream().collect(Collectors.toMap(t -> t, t -> OffsetSpec.earliest())))
        .all().get(timeoutSeconds, TimeUnit.SECONDS);
    long total = 0;
    for (TopicPartition tp : parts) {
      OffsetAndMetadata c = committed.get(tp);
      long from = Math.max(starts.get(tp).offset(), c == null ? 0 : c.offset());
      total += Math.max(0, ends.get(tp).offset() - from);
    }
    return total;
  }

  /** The group's committed offsets of {@code topic} (tests, ops). */
  public static Map<Integer, Long> committedOffsets(String bootstrapServers, String topic) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(props)) {
      return admin.listConsumerGroupOffsets(TeslaIngestConfig.GROUP_ID).partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS).entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }
  }

}
