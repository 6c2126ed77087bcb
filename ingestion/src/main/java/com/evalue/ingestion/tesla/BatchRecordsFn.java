package com.evalue.ingestion.tesla;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of a bundle, handed on at its end: one element per Kafka partition holding one {@link Chunk} per
 * buffer key (the VIN of the record key), records in offset order, not decoded.
 *
 * <p>Why per bundle: the flush DoFn then touches its per-partition state once per bundle instead of once per record,
 * which is what makes it affordable on runners that encode state on every write (Spark) and with the DirectRunner's
 * many small bundles. Why not decoded here: the SparkRunner evaluates the input of a DoFn with timers twice (its
 * timer trigger stream reads the same DStream), so the work done here is done twice there; decoding is done once,
 * by the flush DoFn, when the record is written. Order is kept: one KafkaIO split reads a partition, and its
 * bundles reach the flush DoFn one after the other.
 */
final class BatchRecordsFn extends DoFn<KafkaRecord<byte[], byte[]>, KV<Integer, List<Chunk>>> {
  private static final Logger LOG = LoggerFactory.getLogger(BatchRecordsFn.class);
  private final String ingestionId;
  private transient TeslaStreamControl control;
  /** This bundle's records: partition → buffer key → records in offset order. */
  private transient Map<Integer, Map<String, List<RawRecord>>> pending;
  private transient Instant latest;
  private transient Instant earliest;

  BatchRecordsFn(String ingestionId) {
    this.ingestionId = ingestionId;
  }

  @Setup
  public void setup() {
    control = TeslaStreamControl.of(ingestionId);
  }

  @StartBundle
  public void startBundle() {
    pending = new HashMap<>();
    latest = null;
    earliest = null;
  }

  @ProcessElement
  public void process(@Element KafkaRecord<byte[], byte[]> record, @Timestamp Instant timestamp) {
    if (latest == null || timestamp.isAfter(latest)) {
      latest = timestamp;
    }
    if (earliest == null || timestamp.isBefore(earliest)) {
      earliest = timestamp;
    }
    RawRecord r = RawRecord.of(record, System.currentTimeMillis());
    pending.computeIfAbsent(record.getPartition(), p -> new LinkedHashMap<>())
        .computeIfAbsent(r.bufferKey(), k -> new ArrayList<>()).add(r);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    if (earliest != null && control.firstRead()) {
      // KafkaIO stamps records with the processing time they are read at (its default timestamp policy)
      LOG.info("event=first_record_read read_at={} read_at_ms={}", earliest, earliest.getMillis());
    }
    pending.forEach((partition, byKey) -> {
      List<Chunk> chunks = new ArrayList<>(byKey.size());
      long top = Long.MIN_VALUE;
      for (Map.Entry<String, List<RawRecord>> e : byKey.entrySet()) {
        Chunk chunk = Chunk.of(e.getKey(), e.getValue());
        chunks.add(chunk);
        top = Math.max(top, chunk.maxOffset());
      }
      control.handedOver(partition, top);
      c.output(KV.of(partition, chunks), latest, GlobalWindow.INSTANCE);
    });
    pending.clear();
  }
}
