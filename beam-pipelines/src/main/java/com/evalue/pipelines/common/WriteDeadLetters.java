package com.evalue.pipelines.common;

import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.deadletter.DeadLetterFiles;
import com.evalue.io.storage.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes dead letters as one object per (make, date) and run: {@code dlq/{stage}/{make}/{date}/{runId}.ndjson.gz}
 * (spec: storage.md §8). Letters are sorted inside an object so reruns write the same content.
 */
public final class WriteDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {
  private final Warehouse warehouse;
  private final String stage;
  private final String runId;

  public WriteDeadLetters(Warehouse warehouse, String stage, String runId) {
    this.warehouse = warehouse;
    this.stage = stage;
    this.runId = runId;
  }

  @Override
  public PDone expand(PCollection<DeadLetter> letters) {
    letters
        .apply("KeyByMakeAndDate", WithKeys.of((DeadLetter d) -> d.make() + "|" + d.date())
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DeadLetter.DeadLetterCoder.of()))
        .apply("GroupByMakeAndDate", GroupByKey.create())
        .apply("WriteDeadLetterObjects", ParDo.of(new WriteFn(warehouse, stage, runId)));
    return PDone.in(letters.getPipeline());
  }

  private static final class WriteFn extends DoFn<KV<String, Iterable<DeadLetter>>, Void> {
    private final Counter written = Metrics.counter(WriteDeadLetters.class, "deadLettersWritten");
    private final Warehouse warehouse;
    private final String stage;
    private final String runId;

    WriteFn(Warehouse warehouse, String stage, String runId) {
      this.warehouse = warehouse;
      this.stage = stage;
      this.runId = runId;
    }

    /** A total order, so that letters equal in source, reason and time (re-sent duplicates) keep one order too. */
    private static final Comparator<DeadLetter> ORDER = Comparator.comparing(DeadLetter::source)
        .thenComparing(DeadLetter::reason).thenComparing(DeadLetter::time)
        .thenComparing(DeadLetter::vin, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(DeadLetter::original, Arrays::compare);

    @ProcessElement
    public void process(@Element KV<String, Iterable<DeadLetter>> group) {
      List<DeadLetter> letters = new ArrayList<>();
      group.getValue().forEach(letters::add);
      letters.sort(ORDER);
      String makeCode = group.getKey().substring(0, group.getKey().indexOf('|'));
      DeadLetterFiles.write(warehouse, stage, makeCode, runId, letters);
      written.inc(letters.size());
    }
  }
}
