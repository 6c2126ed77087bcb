package com.evalue.io.archive;

import com.evalue.transforms.model.Envelope;
import java.util.Comparator;

/** Orders of the archive (spec: storage.md §3.3 steps 4–5). */
final class EnvelopeOrder {
  private EnvelopeOrder() {}

  /** File order: (event_time, received_at, source_id), then content_hash so that the order is total. */
  static final Comparator<Envelope> BY_EVENT_TIME =
      Comparator.comparing(Envelope::eventTime)
          .thenComparing(Envelope::receivedAt)
          .thenComparing(Envelope::sourceId)
          .thenComparing(Envelope::contentHash);

  /** Groups equal messages together, earliest (received_at, source_id) first. */
  static final Comparator<Envelope> BY_DEDUP_KEY_THEN_EARLIEST =
      Comparator.comparing(Envelope::vin)
          .thenComparing(Envelope::eventTime)
          .thenComparing(Envelope::contentHash)
          .thenComparing(Envelope::receivedAt)
          .thenComparing(Envelope::sourceId);

  static boolean sameMessage(Envelope a, Envelope b) {
    return a.vin().equals(b.vin()) && a.eventTime().equals(b.eventTime()) && a.contentHash().equals(b.contentHash());
  }
}
