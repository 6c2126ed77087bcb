package com.evalue.pipelines.ingest;

import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.files.NativeMessageReader;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.common.Counters;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.common.RunSummary;
import com.evalue.pipelines.common.WriteDeadLetters;
import com.evalue.transforms.model.EnvelopeCoder;
import com.evalue.transforms.model.Make;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * File ingestion: native payload files of one make → envelopes in the temp buffer, rejects in
 * {@code dlq/ingestion/} (spec: sources.md §1, storage.md §2). Duplicates are kept here on purpose; compaction
 * removes them (storage.md §3.3 step 4).
 */
public final class IngestFilesPipeline {
  private IngestFilesPipeline() {}

  /** What a run did. */
  public record Report(String runId, int files, Map<String, Long> counters, String summaryPath) {
    public long get(String counter) {
      return Counters.get(counters, counter);
    }
  }

  /**
   * The files to read: a local file, every supported file under a local directory (recursively), or a Beam
   * file pattern such as {@code s3://bucket/incoming/*.ndjson}. Sorted, so runs are repeatable.
   */
  public static List<String> listInputs(String input) {
    Path local = Paths.get(input);
    if (!input.contains("://") && Files.exists(local)) {
      if (Files.isRegularFile(local)) {
        return List.of(local.toAbsolutePath().normalize().toString());
      }
      try (Stream<Path> walk = Files.walk(local)) {
        return walk.filter(Files::isRegularFile)
            .filter(p -> NativeMessageReader.isSupported(p.getFileName().toString()))
            .map(p -> p.toAbsolutePath().normalize().toString())
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
      }
    }
    try {
      MatchResult m = FileSystems.match(input, EmptyMatchTreatment.ALLOW);
      List<String> out = new ArrayList<>();
      if (m.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata md : m.metadata()) {
          String s = md.resourceId().toString();
          if (NativeMessageReader.isSupported(s)) {
            out.add(s);
          }
        }
      }
      out.sort(String::compareTo);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
    }
  }

  /** Native files of one make at a path (file, directory or pattern). */
  public record Source(Make make, String input) {}

  public static Report run(StorageOptions options, Warehouse warehouse, Make make, String input, Clock clock,
      PipelineRun.Progress progress) {
    return run(options, warehouse, List.of(new Source(make, input)), clock, progress);
  }

  /** Ingests several makes' files in one pipeline (the demo ingests all eight at once). */
  public static Report run(StorageOptions options, Warehouse warehouse, List<Source> sources, Clock clock,
      PipelineRun.Progress progress) {
    List<KV<String, String>> files = new ArrayList<>();
    for (Source s : sources) {
      List<String> found = listInputs(s.input());
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no payload files (.pb, .bin, .ndjson, .jsonl, .json, optionally .gz)"
            + " found at " + s.input());
      }
      found.forEach(f -> files.add(KV.of(s.make().code(), f)));
      progress.line("ingest " + s.make().code() + ": " + found.size() + " files from " + s.input());
    }
    Instant startedAt = clock.instant();
    // spec: storage.md §8 — an ingestion run id is {writer_id}_{first_received_epoch_ms}_{seq}.
    String runId = TempBuffer.writerId("files") + "_" + startedAt.toEpochMilli() + "_000000";
    String label = sources.size() == 1 ? "ingest " + sources.get(0).make().code() : "ingest";

    Pipeline p = Pipeline.create(options);
    PCollectionTuple parsed = p
        .apply("ListNativeFiles", Create.of(files).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply("SpreadFiles", Reshuffle.viaRandomKey())
        .apply("ParseNativeFiles", ParDo.of(new ParseNativeFileFn(clock))
            .withOutputTags(ParseNativeFileFn.ENVELOPES, TupleTagList.of(ParseNativeFileFn.DEAD_LETTERS)));
    parsed.get(ParseNativeFileFn.ENVELOPES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), EnvelopeCoder.of()))
        .apply("GroupByTempFolder", GroupByKey.create())
        .apply("WriteTempObjects", ParDo.of(new WriteTempObjectsFn(warehouse)));
    parsed.get(ParseNativeFileFn.DEAD_LETTERS).setCoder(DeadLetter.DeadLetterCoder.of())
        .apply("WriteDeadLetters", new WriteDeadLetters(warehouse, "ingestion", runId));

    Map<String, Long> counters = PipelineRun.runAndWait(p, label, progress,
        c -> Counters.format(c, "filesRead", "messagesRead", "envelopesAccepted", "rejected"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("inputs", sources.stream().map(s -> s.make().code() + "=" + s.input()).toList());
    details.put("files", files.size());
    String summaryMake = sources.size() == 1 ? sources.get(0).make().code() : "all";
    String summary = RunSummary.write(warehouse, "ingestion", summaryMake, startedAt, clock.instant(), counters,
        details);
    return new Report(runId, files.size(), counters, summary);
  }
}
