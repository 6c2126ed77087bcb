package com.evalue.pipelines.bench;

import com.evalue.ingestion.buffer.TempObjectWriter;
import com.evalue.ingestion.tesla.TeslaIngestConfig;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import com.evalue.transforms.source.tesla.TeslaEnvelopes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling of {@code evalue bench tesla}: the Tesla ingestion as one plain single-threaded KafkaConsumer loop,
 * no Beam. Same work as the pipeline: decode each record into its envelope or dead letter (the same
 * {@link EnvelopeExtractor}), buffer per VIN with the rules of spec sources.md §1.6 (1000 envelopes / age), write
 * the same temp objects and dead letters ({@link TempObjectWriter}), and commit each partition's offsets after the
 * writes (§1.7), under the same consumer group. Stops after {@code records} records, flushing everything.
 */
public final class PlainTeslaLoop {
  private PlainTeslaLoop() {}

  /** Records read, envelopes and dead letters written, temp objects; first record and end (epoch ms). */
  public record Result(long records, long envelopes, long deadLetters, long tempObjects, long firstRecordAtMs,
      long doneAtMs) {}

  /** One VIN's (or one partition's dead letters') unflushed records. */
  private static final class Buffer {
    final List<Envelope> envelopes = new ArrayList<>();
    final List<DeadLetter> letters = new ArrayList<>();
    long minOffset = Long.MAX_VALUE;
    final long firstMs;

    Buffer(long firstMs) {
      this.firstMs = firstMs;
    }

    int size() {
      return envelopes.size() + letters.size();
    }
  }

  public static Result run(String bootstrapServers, String topic, String warehouseRoot, long records,
      int maxEnvelopes, Duration maxAge) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, TeslaIngestConfig.GROUP_ID);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 512 * 1024); // as KafkaIO's default consumer
    TempObjectWriter writer = new TempObjectWriter(Warehouse.at(warehouseRoot), TempBuffer.writerId("tesla-loop"));
    // partition → buffer key (VIN, or "~dlq") → unflushed records
    Map<Integer, Map<String, Buffer>> buffers = new HashMap<>();
    Map<Integer, Long> maxSeen = new HashMap<>();
    long read = 0;
    long envelopes = 0;
    long letters = 0;
    long objects = 0;
    long first = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(parts);
      while (read < records) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          if (first == 0) {
            first = now;
          }
          read++;
          maxSeen.merge(r.partition(), r.offset(), Math::max);
          Map<String, Buffer> byKey = buffers.computeIfAbsent(r.partition(), k -> new LinkedHashMap<>());
          for (Extracted e : extract(r)) {
            String key = e instanceof Extracted.Accepted a ? a.envelope().vin() : "~dlq";
            Buffer b = byKey.computeIfAbsent(key, k -> new Buffer(now));
            b.minOffset = Math.min(b.minOffset, r.offset());
            if (e instanceof Extracted.Accepted a) {
              b.envelopes.add(a.envelope());
            } else {
              Extracted.Rejected x = (Extracted.Rejected) e;
              b.letters.add(DeadLetter.at("ingestion", Make.TESLA.code(), x.vin() == null ? "" : x.vin(),
                  sourceId(r), x.reason(), r.value() == null ? new byte[0] : r.value(), Instant.ofEpochMilli(now)));
            }
          }
        }
        boolean last = read >= records;
        for (Map.Entry<Integer, Map<String, Buffer>> part : buffers.entrySet()) {
          boolean flushed = false;
          for (Iterator<Buffer> it = part.getValue().values().iterator(); it.hasNext(); ) {
            Buffer b = it.next();
            if (last || b.size() >= maxEnvelopes || now >= b.firstMs + maxAge.toMillis()) {
              objects += writer.writeAll(b.envelopes).size();
              writer.writeDeadLetters(Make.TESLA.code(), b.letters);
              envelopes += b.envelopes.size();
              letters += b.letters.size();
              it.remove();
              flushed = true;
            }
          }
          if (flushed) {
            long to = part.getValue().values().stream().mapToLong(b -> b.minOffset).min()
                .orElse(maxSeen.get(part.getKey()) + 1);
            consumer.commitSync(Map.of(new TopicPartition(topic, part.getKey()), new OffsetAndMetadata(to)));
          }
        }
      }
    }
    return new Result(read, envelopes, letters, objects, first, System.currentTimeMillis());
  }

  private static String sourceId(ConsumerRecord<byte[], byte[]> r) {
    return String.format("%s:%05d:%020d", r.topic(), r.partition(), r.offset());
  }

  private static List<Extracted> extract(ConsumerRecord<byte[], byte[]> r) {
    byte[] value = r.value() == null ? new byte[0] : r.value();
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    Transport t = new Transport(Instant.now(), sourceId(r),
        r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), headers,
        r.timestamp() > 0 ? Instant.ofEpochMilli(r.timestamp()) : null);
    return EnvelopeExtractor.extract(Make.TESLA, TeslaEnvelopes.detectFormat(value), value, t);
  }
}
