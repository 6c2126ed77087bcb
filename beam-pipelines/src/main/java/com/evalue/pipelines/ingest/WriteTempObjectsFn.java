package com.evalue.pipelines.ingest;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Writes one temp folder's envelopes as temp objects of at most {@value #MAX_ENVELOPES} envelopes each (the flush
 * size of spec: sources.md §1.6), named {@code {writer_id}_{first_received_epoch_ms}_{seq}.ndjson.gz}
 * (storage.md §2).
 */
final class WriteTempObjectsFn extends DoFn<KV<String, Iterable<Envelope>>, Void> {
  static final int MAX_ENVELOPES = 1000;
  /** One sequence per process: every writer in this JVM shares the writer id. */
  private static final AtomicLong SEQ = new AtomicLong();

  private final Counter objects = Metrics.counter(IngestFilesPipeline.class, "tempObjectsWritten");
  private final Warehouse warehouse;
  private transient String writerId;

  WriteTempObjectsFn(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  @Setup
  public void setup() {
    writerId = TempBuffer.writerId("files");
  }

  @ProcessElement
  public void process(@Element KV<String, Iterable<Envelope>> folder) {
    List<Envelope> all = new ArrayList<>();
    folder.getValue().forEach(all::add);
    all.sort(Comparator.comparing(Envelope::receivedAt).thenComparing(Envelope::sourceId));
    for (int from = 0; from < all.size(); from += MAX_ENVELOPES) {
      List<Envelope> chunk = all.subList(from, Math.min(all.size(), from + MAX_ENVELOPES));
      Envelope first = chunk.get(0);
      String path = ArchivePaths.tempObject(first.make(), first.vin(), first.dataDate(), writerId,
          first.receivedAt().toEpochMilli(), SEQ.incrementAndGet());
      warehouse.write(path, TempBuffer.encode(chunk));
      objects.inc();
    }
  }
}
