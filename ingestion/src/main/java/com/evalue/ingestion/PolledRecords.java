package com.evalue.ingestion;

import com.evalue.ingestion.buffer.EnvelopeBuffer;
import com.evalue.ingestion.change.ChangeDetector;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a poller does with one received message (spec: sources.md §1.1–§1.5): extract envelopes, skip the ones
 * whose change-hash did not change, buffer the others, and send rejects to the dead letters with their reason.
 */
public final class PolledRecords {
  private static final Logger LOG = LoggerFactory.getLogger(PolledRecords.class);

  private final EnvelopeBuffer buffer;
  private final ChangeDetector changes;
  private final IngestionMetrics metrics;

  public PolledRecords(EnvelopeBuffer buffer, ChangeDetector changes, IngestionMetrics metrics) {
    this.buffer = buffer;
    this.changes = changes;
    this.metrics = metrics;
  }

  /** Outcome counts of one message. */
  public record Stored(int buffered, int unchanged, int rejected) {}

  public Stored store(Make make, PayloadFormat format, byte[] message, Transport transport) {
    metrics.recordsIn.inc();
    metrics.received();
    int buffered = 0;
    int unchanged = 0;
    int rejected = 0;
    for (Extracted x : EnvelopeExtractor.extract(make, format, message, transport)) {
      if (x instanceof Extracted.Accepted a) {
        if (changes.unchanged(a.envelope())) {
          unchanged++;
        } else {
          buffer.add(a.envelope());
          buffered++;
        }
      } else if (x instanceof Extracted.Rejected r) {
        rejected++;
        reject(make, r.vin(), transport.sourceId(), r.reason(), r.original(), transport);
      }
    }
    return new Stored(buffered, unchanged, rejected);
  }

  /** A dead letter for something received that cannot be stored (never dropped, storage.md §8). */
  public void reject(Make make, String vin, String sourceId, String reason, byte[] original, Transport transport) {
    LOG.info("event=rejected make={} vin={} source={} reason=\"{}\"", make.code(), vin, sourceId, reason);
    buffer.reject(DeadLetter.at("ingestion", make.code(), vin == null ? "" : vin, sourceId, reason, original,
        transport.receivedAt()));
  }
}
