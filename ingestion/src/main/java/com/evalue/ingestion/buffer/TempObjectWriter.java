package com.evalue.ingestion.buffer;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.deadletter.DeadLetterFiles;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes temp objects and ingestion dead letters under one writer id (spec: storage.md §2, §8): one object per
 * (make, VIN, data date), named {@code {writer_id}_{first_received_epoch_ms}_{seq}}. Every write is whole and atomic
 * ({@link Warehouse#write}); a failure throws and leaves nothing half-written.
 */
public final class TempObjectWriter {
  private final Warehouse warehouse;
  private final String writerId;
  private final AtomicLong seq = new AtomicLong();

  public TempObjectWriter(Warehouse warehouse, String writerId) {
    this.warehouse = warehouse;
    this.writerId = writerId;
  }

  public String writerId() {
    return writerId;
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  /** Envelopes of one data folder (same make, VIN and data date), in the order received. Returns the path. */
  public String writeFolder(List<Envelope> sameFolder) {
    Envelope first = sameFolder.get(0);
    long firstReceived = sameFolder.stream().map(Envelope::receivedAt).min(Comparator.naturalOrder())
        .orElseThrow().toEpochMilli();
    String path = ArchivePaths.tempObject(first.make(), first.vin(), first.dataDate(), writerId, firstReceived,
        seq.incrementAndGet());
    warehouse.write(path, TempBuffer.encode(sameFolder));
    return path;
  }

  /** One object per (make, VIN, data date) of {@code envelopes}; returns the paths. */
  public List<String> writeAll(List<Envelope> envelopes) {
    List<String> paths = new ArrayList<>();
    for (List<Envelope> folder : byFolder(envelopes).values()) {
      paths.add(writeFolder(folder));
    }
    return paths;
  }

  /** Dead letters of one make code: one object per date folder (storage.md §8). */
  public List<String> writeDeadLetters(String makeCode, List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return List.of();
    }
    Instant first = letters.stream().map(DeadLetter::time).min(Comparator.naturalOrder()).orElseThrow();
    String runId = writerId + "_" + first.toEpochMilli() + "_" + String.format("%06d", seq.incrementAndGet());
    return DeadLetterFiles.write(warehouse, "ingestion", makeCode, runId, letters);
  }

  /** Groups by (make, VIN, data date), keeping the received order inside each group. */
  public static Map<String, List<Envelope>> byFolder(List<Envelope> envelopes) {
    Map<String, List<Envelope>> out = new LinkedHashMap<>();
    for (Envelope e : envelopes) {
      out.computeIfAbsent(folderKey(e), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  static String folderKey(Envelope e) {
    return e.make().code() + "|" + e.vin() + "|" + e.dataDate();
  }
}
