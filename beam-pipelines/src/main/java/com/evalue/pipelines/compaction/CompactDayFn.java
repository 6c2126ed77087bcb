package com.evalue.pipelines.compaction;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.ChangeLog;
import com.evalue.io.archive.CompressedDay;
import com.evalue.io.archive.DayKey;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Steps 2–6 of the compaction algorithm for one vehicle-day (spec: storage.md §3.3): read the existing compressed
 * file, union it with the snapshot's envelopes (malformed lines become dead letters), de-duplicate, sort and write
 * the file atomically. Emits the change-log entry keyed by make.
 */
final class CompactDayFn extends DoFn<CompactionTask, KV<String, ChangeLog.Entry>> {
  static final TupleTag<KV<String, ChangeLog.Entry>> CHANGES = new TupleTag<>() {};
  static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final Counter days = Metrics.counter(CompactionPipeline.class, "daysCompacted");
  private final Counter tempObjects = Metrics.counter(CompactionPipeline.class, "tempObjectsRead");
  private final Counter envelopesRead = Metrics.counter(CompactionPipeline.class, "envelopesRead");
  private final Counter existingRows = Metrics.counter(CompactionPipeline.class, "existingRowsRead");
  private final Counter duplicates = Metrics.counter(CompactionPipeline.class, "duplicatesRemoved");
  private final Counter rowsWritten = Metrics.counter(CompactionPipeline.class, "rowsWritten");
  private final Counter daysUnchanged = Metrics.counter(CompactionPipeline.class, "daysUnchanged");
  private final Counter malformed = Metrics.counter(CompactionPipeline.class, "malformedLines");
  private final Counter bytesWritten = Metrics.counter(CompactionPipeline.class, "compressedBytesWritten");

  private final Warehouse warehouse;
  private final Instant compactedAt;

  CompactDayFn(Warehouse warehouse, Instant compactedAt) {
    this.warehouse = warehouse;
    this.compactedAt = compactedAt;
  }

  @ProcessElement
  public void process(@Element CompactionTask task, MultiOutputReceiver out) {
    DayKey day = task.day();
    String target = ArchivePaths.compressedObject(day);
    List<Envelope> existing = warehouse.readIfExists(target)
        .map(bytes -> CompressedDay.fromParquet(bytes).rows())
        .orElse(List.of());
    existingRows.inc(existing.size());
    perMake("existingRowsRead", day).inc(existing.size());

    List<Envelope> incoming = new ArrayList<>();
    for (String object : task.tempObjects()) {
      Optional<byte[]> bytes = warehouse.readIfExists(object);
      if (bytes.isEmpty()) {
        continue; // deleted by an earlier run that crashed after its change log: its rows are in `existing`
      }
      tempObjects.inc();
      perMake("tempObjectsRead", day).inc();
      TempBuffer.decode(bytes.get(), e -> {
        if (e.vin().equals(day.vin()) && e.make() == day.make() && e.dataDate().equals(day.date())) {
          incoming.add(e);
        } else {
          malformed.inc();
          perMake("malformedLines", day).inc();
          out.get(DEAD_LETTERS).output(letter(day, object, 0, e.toString(),
              "envelope " + e.make().code() + "/" + e.vin() + "/" + e.dataDate() + " filed under " + day));
        }
      }, bad -> {
        malformed.inc();
        perMake("malformedLines", day).inc();
        out.get(DEAD_LETTERS).output(letter(day, object, bad.lineNumber(), bad.line(), bad.reason()));
      });
    }
    envelopesRead.inc(incoming.size());
    perMake("envelopesRead", day).inc(incoming.size());

    CompressedDay.Merge merge = CompressedDay.merge(existing, incoming);
    if (merge.day().rows().isEmpty()) {
      return; // every line was malformed: nothing to archive, the dead letters hold them
    }
    if (merge.unchanged()) {
      // Everything in L was already archived (a replay after a crash, or the same files ingested again): the file
      // keeps its bytes, including evalue.compacted_at. The change-log entry is still written (§3.3 step 7), with
      // the digest the pipeline has already parsed, so it parses nothing again.
      daysUnchanged.inc();
      perMake("daysUnchanged", day).inc();
    } else {
      byte[] file = merge.day().toParquet(compactedAt);
      warehouse.write(target, file);
      rowsWritten.inc(merge.day().rows().size());
      bytesWritten.inc(file.length);
      perMake("rowsWritten", day).inc(merge.day().rows().size());
      perMake("compressedBytesWritten", day).inc(file.length);
    }
    duplicates.inc(merge.duplicatesRemoved());
    days.inc();
    perMake("duplicatesRemoved", day).inc(merge.duplicatesRemoved());
    perMake("daysCompacted", day).inc();
    out.get(CHANGES).output(KV.of(day.make().code(),
        new ChangeLog.Entry(day.vin(), day.date(), merge.day().contentDigest())));
  }

  /** The same counter per make, e.g. {@code duplicatesRemoved.tesla}, for per-make reports. */
  private static Counter perMake(String name, DayKey day) {
    return Metrics.counter(CompactionPipeline.class, name + "." + day.make().code());
  }

  private DeadLetter letter(DayKey day, String object, int line, String original, String reason) {
    return new DeadLetter("compaction", day.make().code(), day.vin(), object + ":" + line, reason,
        original.getBytes(StandardCharsets.UTF_8), compactedAt, day.date());
  }
}
