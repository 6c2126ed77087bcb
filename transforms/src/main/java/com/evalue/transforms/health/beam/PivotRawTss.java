package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.rawtss.PivotResult;
import com.evalue.transforms.health.rawtss.RawTssPivot;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.rawtss.VinDay;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.SignalValue;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * raw_tss steps 3–5 (spec: pipeline.md §1.3–§1.5): the decoded records of one compressed file (vin, data date) →
 * its wide rows, one element per file (an empty list when every record was dropped). Counters in this class's
 * namespace: {@code parse.bad_timestamp}, {@code raw_tss.rows}, {@code raw_tss.unknown_signal}.
 * Merging into the month file is {@link com.evalue.transforms.health.rawtss.RawTssMerge#replaceDataDate}.
 */
public final class PivotRawTss
    extends PTransform<PCollection<KV<VinDay, Iterable<SignalValue>>>, PCollection<KV<VinDay, List<RawTssRow>>>> {
  private static final long serialVersionUID = 1L;

  private final Make make;
  private final AnalyticsConfig config;

  private PivotRawTss(Make make, AnalyticsConfig config) {
    this.make = make;
    this.config = config;
  }

  public static PivotRawTss of(Make make, AnalyticsConfig config) {
    return new PivotRawTss(make, config);
  }

  @Override
  public PCollection<KV<VinDay, List<RawTssRow>>> expand(PCollection<KV<VinDay, Iterable<SignalValue>>> files) {
    return files.apply("PivotToWideRows", ParDo.of(new PivotFn(make, config)))
        .setCoder(HealthCoders.rawTssDay());
  }

  /** The thin adapter around {@link RawTssPivot#pivot}. */
  static final class PivotFn extends DoFn<KV<VinDay, Iterable<SignalValue>>, KV<VinDay, List<RawTssRow>>> {
    private static final long serialVersionUID = 1L;
    private final Make make;
    private final AnalyticsConfig config;

    PivotFn(Make make, AnalyticsConfig config) {
      this.make = make;
      this.config = config;
    }

    @ProcessElement
    public void process(@Element KV<VinDay, Iterable<SignalValue>> file,
        OutputReceiver<KV<VinDay, List<RawTssRow>>> out) {
      PivotResult result = RawTssPivot.pivot(make, file.getKey().dataDate(), file.getValue(), config);
      CountersToMetrics.report(PivotRawTss.class, result.counters());
      out.output(KV.of(file.getKey(), result.rows()));
    }
  }
}
