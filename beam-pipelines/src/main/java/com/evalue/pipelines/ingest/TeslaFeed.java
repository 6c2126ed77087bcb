package com.evalue.pipelines.ingest;

import com.evalue.io.files.NativeMessageReader;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.tesla.TeslaEnvelopes;
import com.evalue.transforms.source.tesla.TeslaRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Tesla payload files (the simulator's {@code payloads/tesla/}) published to a Kafka topic the way the Fleet
 * Telemetry server publishes them (spec: sources.md §2.1): key = VIN, headers {@code vin}, {@code receivedat},
 * {@code timestamp}, {@code txid}, {@code txtype}, {@code version}, {@code device_client_version}, value as in the
 * file (protobuf or JSON). A message whose VIN cannot be read, or a broken rest of a file, is published without
 * key or headers: the stream's dead letters. Used by {@code evalue demo --streaming} and {@code evalue bench tesla}.
 */
public final class TeslaFeed {
  private TeslaFeed() {}

  /** One message of a file: its VIN (null when unreadable), its value, and its {@code created_at} (0 if none). */
  public record Message(String vin, byte[] value, long createdAtMs) {}

  /** Every message of the {@code .pb}, {@code .ndjson}/{@code .jsonl} and {@code .json} files under {@code dir}. */
  public static List<Message> readFiles(Path dir) {
    List<Message> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile)
          .filter(p -> NativeMessageReader.isSupported(p.getFileName().toString())).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          NativeMessageReader.read(f.getFileName().toString(), in, new NativeMessageReader.Sink() {
            @Override
            public void message(long index, byte[] bytes) {
              out.add(TeslaFeed.message(bytes));
            }

            @Override
            public void broken(long index, byte[] rest, String reason) {
              out.add(new Message(null, rest, 0));
            }
          });
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Tesla payloads under " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** A message of the feed from its bytes: VIN and created_at read from the payload, when it can be read. */
  public static Message message(byte[] value) {
    PayloadFormat format = TeslaEnvelopes.detectFormat(value);
    try {
      TeslaRecord r = TeslaEnvelopes.read(format, value);
      return new Message(r.vin(), value, r.createdAt() == null ? 0 : r.createdAt().toEpochMilli());
    } catch (MalformedPayloadException e) {
      return new Message(null, value, 0);
    }
  }

  /** A producer for the feed: batched, compressed by nothing, acknowledged by the broker. */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(p);
  }

  /** The record the Fleet Telemetry server would publish for {@code m}, received at {@code nowMs}. */
  public static ProducerRecord<byte[], byte[]> record(String topic, Message m, long nowMs) {
    if (m.vin() == null) {
      return new ProducerRecord<>(topic, null, m.value());
    }
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, nowMs,
        m.vin().getBytes(StandardCharsets.UTF_8), m.value());
    header(r, "vin", m.vin());
    header(r, "receivedat", String.valueOf(nowMs));
    if (m.createdAtMs() > 0) {
      header(r, "timestamp", String.valueOf(m.createdAtMs()));
    }
    header(r, "txid", Long.toHexString(ThreadLocalRandom.current().nextLong()));
    header(r, "txtype", "V");
    header(r, "version", "1");
    header(r, "device_client_version", "1.0.0");
    return r;
  }

  /** Publishes every message once, in order, and waits until the broker has them all; returns how many. */
  public static long publish(String bootstrapServers, String topic, List<Message> messages) {
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
      for (Message m : messages) {
        producer.send(record(topic, m, System.currentTimeMillis()), (meta, e) -> {
          if (e != null) {
            failed.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    }
    if (failed.get() != null) {
      throw new IllegalStateException("cannot publish to " + topic + ": " + failed.get().getMessage(), failed.get());
    }
    return messages.size();
  }

  private static void header(ProducerRecord<byte[], byte[]> r, String key, String value) {
    r.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
