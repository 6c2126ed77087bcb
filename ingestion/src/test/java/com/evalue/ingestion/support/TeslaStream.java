package com.evalue.ingestion.support;

import com.evalue.simulate.tesla.TeslaDatum;
import com.evalue.simulate.tesla.TeslaField;
import com.evalue.simulate.tesla.TeslaJsonEncoder;
import com.evalue.simulate.tesla.TeslaPayload;
import com.evalue.simulate.tesla.TeslaProtoEncoder;
import com.evalue.simulate.tesla.TeslaValue;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Realistic Fleet Telemetry records for a topic (spec: sources.md §2): the simulator's protobuf and JSON encoders,
 * the server's headers, about 20 % republished duplicates (some {@code is_resend}, some in the other encoding),
 * {@code invalid} values, split records sharing one {@code created_at}, and malformed records.
 */
public final class TeslaStream {
  public static final Instant BASE = Instant.parse("2025-06-03T08:00:00Z");

  /** A produced valid record: its position and the compaction key (vin, event_time, content_hash) it must become. */
  public record Sent(String sourceId, String dedupKey) {}

  /** A produced malformed record: its position and bytes. */
  public record Bad(String sourceId, byte[] value, String what) {}

  public final List<Sent> sent = new ArrayList<>();
  public final List<Bad> bad = new ArrayList<>();
  private final String bootstrap;
  private final String topic;
  private final Random rng;

  public TeslaStream(String bootstrap, String topic, long seed) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.rng = new Random(seed);
  }

  public static String vin(int i) {
    return String.format("5YJ3E7EB9NF%06d", 100 + i);
  }

  /** The key compaction de-duplicates on (storage.md §3.3.4). */
  public static String dedupKey(Envelope e) {
    return e.vin() + "|" + e.eventTime() + "|" + e.contentHash();
  }

  /**
   * {@code perVin[v]} payloads for VIN v, interleaved across VINs. {@code formats}: "protobuf", "json" or "mixed".
   */
  public void produce(int[] perVin, String formats, int fromIndex) throws Exception {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    int max = 0;
    for (int n : perVin) {
      max = Math.max(max, n);
    }
    for (int i = fromIndex; i < fromIndex + max; i++) {
      for (int v = 0; v < perVin.length; v++) {
        if (i - fromIndex >= perVin[v]) {
          continue;
        }
        Instant created = BASE.plus(Duration.ofSeconds(15L * i));
        List<TeslaDatum> data = new ArrayList<>();
        data.add(new TeslaDatum(TeslaField.SOC, new TeslaValue.StringValue(String.format("%.3f", 80 - i * 0.1))));
        data.add(new TeslaDatum(TeslaField.ODOMETER, new TeslaValue.StringValue(String.valueOf(12000 + i))));
        if (i % 7 == 3) {
          data.add(new TeslaDatum(TeslaField.ENERGY_REMAINING, new TeslaValue.Invalid()));
        }
        boolean json = formats.equals("json") || (formats.equals("mixed") && rng.nextBoolean());
        TeslaPayload payload = new TeslaPayload(data, created, vin(v), false);
        out.add(record(vin(v), payload, json));
        if (i % 5 == 1) {
          // the same instant split across two payloads (§2.6.2)
          out.add(record(vin(v), new TeslaPayload(List.of(new TeslaDatum(TeslaField.DC_CHARGING_POWER,
              new TeslaValue.DoubleValue(40 + i))), created, vin(v), false), json));
        }
        if (rng.nextDouble() < 0.2) {
          // republished copy (§2.6.3): a resend, or the same record in the other encoding
          boolean resend = rng.nextBoolean();
          out.add(record(vin(v), new TeslaPayload(data, created, vin(v), resend),
              !resend && formats.equals("mixed") ? !json : json));
        }
      }
    }
    send(out, true);
  }

  /** Bad protobuf, bad JSON, VIN disagreeing with the key, missing VIN. */
  public void produceMalformed(boolean withJson) throws Exception {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    out.add(new ProducerRecord<>(topic, vin(0).getBytes(StandardCharsets.UTF_8),
        new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}));
    TeslaPayload other = new TeslaPayload(List.of(new TeslaDatum(TeslaField.SOC, new TeslaValue.StringValue("50"))),
        BASE, vin(2), false);
    out.add(new ProducerRecord<>(topic, vin(3).getBytes(StandardCharsets.UTF_8), TeslaProtoEncoder.encode(other)));
    if (withJson) {
      out.add(new ProducerRecord<>(topic, vin(1).getBytes(StandardCharsets.UTF_8),
          "{\"data\":[{\"key\":\"Soc\",".getBytes(StandardCharsets.UTF_8)));
      out.add(new ProducerRecord<>(topic, null, ("{\"data\":[{\"key\":\"Soc\",\"value\":{\"stringValue\":\"5\"}}],"
          + "\"createdAt\":\"2025-06-03T09:00:00Z\"}").getBytes(StandardCharsets.UTF_8)));
    }
    send(out, false);
  }

  private ProducerRecord<byte[], byte[]> record(String vin, TeslaPayload payload, boolean json) {
    byte[] value = json ? TeslaJsonEncoder.encode(payload).getBytes(StandardCharsets.UTF_8)
        : TeslaProtoEncoder.encode(payload);
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, vin.getBytes(StandardCharsets.UTF_8), value);
    long ms = payload.createdAt().toEpochMilli();
    header(r, "vin", vin);
    header(r, "receivedat", String.valueOf(ms + 300));
    header(r, "timestamp", String.valueOf(ms));
    header(r, "txid", Long.toHexString(rng.nextLong()));
    header(r, "txtype", "V");
    header(r, "version", "1");
    header(r, "device_client_version", "1.0.0");
    return r;
  }

  private static void header(ProducerRecord<byte[], byte[]> r, String k, String v) {
    r.headers().add(k, v.getBytes(StandardCharsets.UTF_8));
  }

  private void send(List<ProducerRecord<byte[], byte[]>> records, boolean valid) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (ProducerRecord<byte[], byte[]> r : records) {
        RecordMetadata m = producer.send(r).get();
        String sourceId = String.format("%s:%05d:%020d", topic, m.partition(), m.offset());
        if (valid) {
          Map<String, String> headers = new HashMap<>();
          r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
          PayloadFormat f = r.value()[0] == '{' ? PayloadFormat.TESLA_JSON : PayloadFormat.TESLA_PROTO;
          Extracted x = EnvelopeExtractor.extract(Make.TESLA, f, r.value(), new Transport(Instant.now(), sourceId,
              new String(r.key(), StandardCharsets.UTF_8), headers, Instant.ofEpochMilli(m.timestamp()))).get(0);
          sent.add(new Sent(sourceId, dedupKey(((Extracted.Accepted) x).envelope())));
        } else {
          bad.add(new Bad(sourceId, r.value(), ""));
        }
      }
    }
  }

  public Set<String> expectedKeys() {
    Set<String> s = new HashSet<>();
    sent.forEach(x -> s.add(x.dedupKey()));
    return s;
  }

  /** Current end offsets of every partition. */
  public Map<Integer, Long> endOffsets(int partitions) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> q = new HashMap<>();
      for (int i = 0; i < partitions; i++) {
        q.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      Map<Integer, Long> out = new HashMap<>();
      admin.listOffsets(q).all().get().forEach((tp, info) -> out.put(tp.partition(), info.offset()));
      return out;
    }
  }
}
