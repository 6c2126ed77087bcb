package com.evalue.pipelines.health;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.CompressedDay;
import com.evalue.io.archive.DayKey;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.pipeline.RawTssFiles;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.rawtss.PivotResult;
import com.evalue.transforms.health.rawtss.RawTssMerge;
import com.evalue.transforms.health.rawtss.RawTssPivot;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.DecodeResult;
import com.evalue.transforms.source.SignalDecoder;
import com.evalue.transforms.source.SignalValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * raw_tss for one VIN-month (spec: pipeline.md §1, storage.md §4.2): decodes each selected compressed day, pivots
 * it to wide rows, replaces that day's rows in the month file and rewrites the file whole. Undecodable payloads go
 * to the dead letters with their bytes and reason; the rest of the day continues.
 */
final class ParseMonthFn extends DoFn<ParseMonthTask, DeadLetter> {

  private final Warehouse warehouse;
  private final Make make;
  private final AnalyticsConfig config;
  private final Instant runStartedAt;

  ParseMonthFn(Warehouse warehouse, Make make, AnalyticsConfig config, Instant runStartedAt) {
    this.warehouse = warehouse;
    this.make = make;
    this.config = config;
    this.runStartedAt = runStartedAt;
  }

  @ProcessElement
  public void process(@Element ParseMonthTask task, OutputReceiver<DeadLetter> deadLetters) {
    String monthFile = RawTssFiles.path(make, task.vin(), task.month());
    List<RawTssRow> rows = warehouse.readIfExists(monthFile).map(b -> RawTssFiles.decode(make, b))
        .orElse(List.of());
    for (DayToParse day : task.days()) {
      Optional<byte[]> file = warehouse.readIfExists(ArchivePaths.compressedObject(
          new DayKey(make, day.vin(), day.date())));
      if (file.isEmpty()) {
        continue;
      }
      CompressedDay compressed = CompressedDay.fromParquet(file.get());
      List<SignalValue> values = new ArrayList<>();
      for (Envelope e : compressed.rows()) {
        DecodeResult r = SignalDecoder.decode(e);
        count(r.counters());
        if (r.error() != null) {
          counter("raw_tss.dead_letters").inc();
          deadLetters.output(new DeadLetter("raw_tss", make.code(), e.vin(),
              e.sourceId() + "@" + e.eventTime(), r.error(), e.payload(), runStartedAt, day.date()));
        } else {
          values.addAll(r.values());
        }
      }
      PivotResult pivot = RawTssPivot.pivot(make, day.date(), values, config);
      count(pivot.counters().asMap());
      rows = RawTssMerge.replaceDataDate(rows, day.date(), pivot.rows());
      counter("raw_tss.days_parsed").inc();
      counter("raw_tss.rows_parsed").inc(pivot.rows().size());
    }
    warehouse.write(monthFile, RawTssFiles.encode(make, rows));
    counter("raw_tss.files_written").inc();
  }

  private void count(Map<String, Long> counters) {
    counters.forEach((name, n) -> counter(name).inc(n));
  }

  private static org.apache.beam.sdk.metrics.Counter counter(String name) {
    return Metrics.counter(BatteryHealthPipeline.class, name);
  }
}
