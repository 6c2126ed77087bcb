package com.evalue.ingestion.tesla;

import com.evalue.io.deadletter.DeadLetter;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import com.evalue.transforms.source.tesla.TeslaEnvelopes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.common.header.Header;

/**
 * One Fleet Telemetry record → an {@link Item} keyed by its Kafka partition (spec: sources.md §2.1, §2.6): the
 * envelope, or a dead letter with the raw bytes and the reason (bad protobuf, bad JSON, VIN missing or not matching
 * the key). Never throws for bad input, so the stream keeps running.
 */
final class DecodeRecordFn extends DoFn<KafkaRecord<byte[], byte[]>, KV<Integer, Item>> {
  private final String valueFormat;

  DecodeRecordFn(String valueFormat) {
    this.valueFormat = valueFormat;
  }

  /** spec: sources.md §2.1 — {@code {topic}:{partition, 5 digits}:{offset, 20 digits}}. */
  static String sourceId(String topic, int partition, long offset) {
    return String.format("%s:%05d:%020d", topic, partition, offset);
  }

  PayloadFormat formatOf(byte[] value) {
    return switch (valueFormat) {
      case "json" -> PayloadFormat.TESLA_JSON;
      case "auto" -> TeslaEnvelopes.detectFormat(value);
      default -> PayloadFormat.TESLA_PROTO;
    };
  }

  @ProcessElement
  public void process(@Element KafkaRecord<byte[], byte[]> record, OutputReceiver<KV<Integer, Item>> out) {
    Instant receivedAt = Instant.now();
    byte[] value = record.getKV().getValue() == null ? new byte[0] : record.getKV().getValue();
    byte[] key = record.getKV().getKey();
    Map<String, String> headers = new LinkedHashMap<>();
    if (record.getHeaders() != null) {
      for (Header h : record.getHeaders()) {
        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    String sourceId = sourceId(record.getTopic(), record.getPartition(), record.getOffset());
    Transport transport = new Transport(receivedAt, sourceId,
        key == null ? null : new String(key, StandardCharsets.UTF_8), headers,
        record.getTimestamp() > 0 ? Instant.ofEpochMilli(record.getTimestamp()) : null);
    for (Extracted e : EnvelopeExtractor.extract(Make.TESLA, formatOf(value), value, transport)) {
      Item item;
      if (e instanceof Extracted.Accepted a) {
        item = new Item(record.getOffset(), a.envelope(), null);
      } else {
        Extracted.Rejected r = (Extracted.Rejected) e;
        item = new Item(record.getOffset(), null, DeadLetter.at("ingestion", Make.TESLA.code(),
            r.vin() == null ? "" : r.vin(), sourceId, r.reason(), value, receivedAt));
      }
      out.output(KV.of(record.getPartition(), item));
    }
  }
}
