package com.evalue.pipelines.compaction;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.ChangeLog;
import com.evalue.io.archive.DayKey;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.common.Counters;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.common.RunSummary;
import com.evalue.pipelines.common.WriteDeadLetters;
import com.evalue.transforms.model.Make;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Daily compaction: merges closed days of the temp buffer into {@code compressed/{make}/YYYY/MM/DD/{vin}.parquet}
 * (spec: storage.md §3). The driver takes the snapshot of temp objects, the pipeline rewrites each vehicle-day and
 * the per-make change logs, and only after the pipeline has succeeded are exactly the snapshot's objects deleted
 * (§3.3 step 8). A crash anywhere before that leaves the temp objects in place; the rerun gives the same rows.
 */
public final class CompactionPipeline {
  private CompactionPipeline() {}

  /** What to compact: some makes, all closed days or a single data date. */
  public record Request(List<Make> makes, Optional<LocalDate> date) {}

  /** What a run did. */
  public record Report(String runId, int vehicleDays, int tempObjectsDeleted, Map<String, Long> counters,
      List<String> changeLogs, Waiting waiting) {
    public long get(String counter) {
      return Counters.get(counters, counter);
    }
  }

  /**
   * Temp objects left for a later run because their data date is today or later (§3.2). A date after today means
   * the source stamped its messages ahead of our clock: they are archived as received once the date closes, and
   * the pipeline rejects timestamps more than {@code timestamp_max_future_hours} after {@code received_at}.
   */
  public record Waiting(int tempObjects, Optional<LocalDate> firstDate, Optional<LocalDate> lastDate) {
    static final Waiting NONE = new Waiting(0, Optional.empty(), Optional.empty());

    Waiting add(LocalDate date) {
      return new Waiting(tempObjects + 1,
          Optional.of(firstDate.filter(d -> d.isBefore(date)).orElse(date)),
          Optional.of(lastDate.filter(d -> d.isAfter(date)).orElse(date)));
    }
  }

  /** The snapshot of a run and what waits for a later one. */
  record Plan(List<CompactionTask> tasks, Waiting waiting) {}

  /**
   * The snapshot L (§3.3 step 1, §3.2): temp folders of the requested makes whose data date is before
   * {@code today} (or equal to the requested date, which must itself be before today).
   */
  static Plan plan(Warehouse warehouse, Request request, LocalDate today) {
    Map<DayKey, List<String>> byDay = new TreeMap<>();
    Waiting waiting = Waiting.NONE;
    for (Make make : request.makes()) {
      for (String object : warehouse.list(ArchivePaths.tempGlob(make))) {
        Optional<DayKey> day = ArchivePaths.dayOfTempObject(object);
        if (day.isEmpty()) {
          continue;
        }
        LocalDate date = day.get().date();
        if (!date.isBefore(today)) {
          waiting = waiting.add(date);
        } else if (request.date().map(date::equals).orElse(true)) {
          byDay.computeIfAbsent(day.get(), k -> new ArrayList<>()).add(object);
        }
      }
    }
    List<CompactionTask> tasks = new ArrayList<>();
    byDay.forEach((day, objects) -> tasks.add(new CompactionTask(day, objects)));
    return new Plan(tasks, waiting);
  }

  public static Report run(StorageOptions options, Warehouse warehouse, Request request, Clock clock,
      PipelineRun.Progress progress) {
    Instant startedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String runId = ArchivePaths.runId(startedAt);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (request.date().isPresent() && !request.date().get().isBefore(today)) {
      throw new IllegalArgumentException("date " + request.date().get() + " is not closed yet: compaction takes"
          + " only data dates before today (" + today + " UTC)");
    }
    Plan plan = plan(warehouse, request, today);
    List<CompactionTask> tasks = plan.tasks();
    int objects = tasks.stream().mapToInt(t -> t.tempObjects().size()).sum();
    progress.line("compaction " + runId + ": " + tasks.size() + " vehicle-days, " + objects + " temp objects");
    if (tasks.isEmpty()) {
      return new Report(runId, 0, 0, Map.of(), List.of(), plan.waiting());
    }

    Pipeline p = Pipeline.create(options);
    PCollectionTuple compacted = p
        .apply("SnapshotOfTempObjects", Create.of(tasks).withCoder(SerializableCoder.of(CompactionTask.class)))
        .apply("SpreadVehicleDays", Reshuffle.viaRandomKey())
        .apply("CompactVehicleDays", ParDo.of(new CompactDayFn(warehouse, startedAt))
            .withOutputTags(CompactDayFn.CHANGES, TupleTagList.of(CompactDayFn.DEAD_LETTERS)));
    compacted.get(CompactDayFn.CHANGES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ChangeLogEntryCoder.of()))
        .apply("GroupChangesByMake", GroupByKey.create())
        .apply("WriteChangeLogs", ParDo.of(new WriteChangeLogFn(warehouse, startedAt)));
    compacted.get(CompactDayFn.DEAD_LETTERS).setCoder(DeadLetter.DeadLetterCoder.of())
        .apply("WriteDeadLetters", new WriteDeadLetters(warehouse, "compaction", runId));

    Map<String, Long> counters = PipelineRun.runAndWait(p, "compaction", progress,
        c -> Counters.format(c, "daysCompacted", "envelopesRead", "duplicatesRemoved", "malformedLines"));

    // §3.3 step 8: the change logs are written (the pipeline succeeded), so the snapshot may go.
    List<String> snapshot = new ArrayList<>();
    tasks.forEach(t -> snapshot.addAll(t.tempObjects()));
    warehouse.delete(snapshot);

    Instant endedAt = clock.instant();
    List<String> changeLogs = new ArrayList<>();
    for (Make make : request.makes()) {
      List<CompactionTask> ofMake = tasks.stream().filter(t -> t.day().make() == make).toList();
      if (!ofMake.isEmpty()) {
        changeLogs.add(ArchivePaths.changeLog(make, startedAt));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("vehicle_days", ofMake.size());
        details.put("temp_objects", ofMake.stream().mapToInt(t -> t.tempObjects().size()).sum());
        details.put("change_log", ArchivePaths.changeLog(make, startedAt));
        RunSummary.write(warehouse, "compaction", make.code(), startedAt, endedAt,
            Counters.ofMake(counters, make.code()), details);
      }
    }
    return new Report(runId, tasks.size(), snapshot.size(), counters, changeLogs, plan.waiting());
  }

  /** Writes one change log per make, after all of that make's files (§3.5). */
  private static final class WriteChangeLogFn extends DoFn<KV<String, Iterable<ChangeLog.Entry>>, Void> {
    private final Warehouse warehouse;
    private final Instant runStartedAt;

    WriteChangeLogFn(Warehouse warehouse, Instant runStartedAt) {
      this.warehouse = warehouse;
      this.runStartedAt = runStartedAt;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<ChangeLog.Entry>> changes) {
      List<ChangeLog.Entry> entries = new ArrayList<>();
      changes.getValue().forEach(entries::add);
      warehouse.write(ArchivePaths.changeLog(Make.parse(changes.getKey()), runStartedAt),
          ChangeLog.toParquet(entries));
    }
  }
}
