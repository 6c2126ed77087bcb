package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.temperature.TemperatureFits;
import com.evalue.transforms.health.temperature.TemperatureFits.FitPoint;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The Renault temperature fit (spec: pipeline.md §4.3 steps 1–2) over raw_results rows of all Renault VINs (this
 * run's and, for VINs that are not dirty, the stored ones): one {@link TemperatureFit} per model that has at least
 * one usable phase with soh_raw and temp_c, keyed by model name. The change test of step 4 is
 * {@link TemperatureFits#changedModels}.
 */
public final class FitTemperatureEffect
    extends PTransform<PCollection<PhaseResult>, PCollection<KV<String, TemperatureFit>>> {
  private static final long serialVersionUID = 1L;
  /** Counter of fits, and of the valid ones. */
  public static final String FITS = "temperature_fit.models";
  public static final String VALID_FITS = "temperature_fit.valid";

  private final AnalyticsConfig config;

  private FitTemperatureEffect(AnalyticsConfig config) {
    this.config = config;
  }

  public static FitTemperatureEffect of(AnalyticsConfig config) {
    return new FitTemperatureEffect(config);
  }

  @Override
  public PCollection<KV<String, TemperatureFit>> expand(PCollection<PhaseResult> results) {
    return results
        .apply("SelectUsableRenaultPhases", Filter.by(TemperatureFits::isFitInput))
        .apply("KeyByModel", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(),
                TypeDescriptors.kvs(TypeDescriptors.doubles(), TypeDescriptors.doubles())))
            .via((PhaseResult r) -> KV.of(r.model(), KV.of(r.sohRaw(), r.tempC()))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(DoubleCoder.of(), DoubleCoder.of())))
        .apply("GroupByModel", GroupByKey.create())
        .apply("FitPerModel", ParDo.of(new FitFn(config)))
        .setCoder(HealthCoders.temperatureFits());
  }

  /** The thin adapter around {@link TemperatureFits#fit}. */
  static final class FitFn extends DoFn<KV<String, Iterable<KV<Double, Double>>>, KV<String, TemperatureFit>> {
    private static final long serialVersionUID = 1L;
    private final AnalyticsConfig config;

    FitFn(AnalyticsConfig config) {
      this.config = config;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<Double, Double>>> model,
        OutputReceiver<KV<String, TemperatureFit>> out) {
      List<FitPoint> points = new ArrayList<>();
      model.getValue().forEach(p -> points.add(new FitPoint(p.getKey(), p.getValue())));
      TemperatureFit fit = TemperatureFits.fit(model.getKey(), points, config);
      Metrics.counter(FitTemperatureEffect.class, FITS).inc();
      if (fit.isValid()) {
        Metrics.counter(FitTemperatureEffect.class, VALID_FITS).inc();
      }
      out.output(KV.of(model.getKey(), fit));
    }
  }
}
