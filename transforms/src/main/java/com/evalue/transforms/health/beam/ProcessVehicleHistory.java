package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.history.VehicleHistory;
import com.evalue.transforms.health.history.VehicleOutputs;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Make;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The battery-health stages of one make for its dirty VINs (spec: pipeline.md §3–§5), from each VIN's full
 * raw_tss history:
 *
 * <ol>
 *   <li>{@code "NormaliseSegmentEstimate"}: processed_tss (§3) and raw_results (§4) per VIN →
 *       {@link #POINTS}, {@link #PHASES}, {@link #RAW_RESULTS};
 *   <li>{@code "FitRenaultTemperature"}: the temperature fits per model (§4.3) over this run's raw_results and,
 *       when given, {@link #withOtherRenaultResults stored ones} → {@link #TEMPERATURE_FITS};
 *   <li>{@code "AggregateWeeklyHealth"}: processed_results (§5) per VIN → {@link #WEEKLY}.
 * </ol>
 *
 * Every per-VIN output has exactly one element per input VIN, keyed by VIN, holding the whole content of that VIN's
 * file (possibly empty: storage.md §5.2, a file is never just missing). fleet_info arrives as a side input keyed by
 * VIN; a VIN without an entry is processed with null attributes (§2). Counters, in this class's namespace and in
 * {@link AggregateWeeklyHealth}'s: {@code processed.out_of_range{signal}}, {@code phases{status}},
 * {@code estimates{method}}, {@code processed.points}, {@code processed_results.weeks}, ….
 */
public final class ProcessVehicleHistory
    extends PTransform<PCollection<KV<String, Iterable<RawTssRow>>>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<KV<String, List<ProcessedPoint>>> POINTS = new TupleTag<>("points") {};
  public static final TupleTag<KV<String, List<Phase>>> PHASES = new TupleTag<>("phases") {};
  public static final TupleTag<KV<String, List<PhaseResult>>> RAW_RESULTS = new TupleTag<>("rawResults") {};
  public static final TupleTag<KV<String, List<WeeklyHealth>>> WEEKLY = new TupleTag<>("weekly") {};
  public static final TupleTag<KV<String, TemperatureFit>> TEMPERATURE_FITS = new TupleTag<>("temperatureFits") {};

  private final Make make;
  private final AnalyticsConfig config;
  private final PCollectionView<Map<String, FleetInfo>> fleetInfo;
  private final transient @Nullable PCollection<PhaseResult> otherRenaultResults;

  private ProcessVehicleHistory(Make make, AnalyticsConfig config, PCollectionView<Map<String, FleetInfo>> fleetInfo,
      @Nullable PCollection<PhaseResult> otherRenaultResults) {
    this.make = make;
    this.config = config;
    this.fleetInfo = fleetInfo;
    this.otherRenaultResults = otherRenaultResults;
  }

  /**
   * @param fleetInfo fleet_info keyed by VIN, e.g. {@code View.asMap()} of a collection coded with
   *     {@link HealthCoders#fleetInfo()}
   */
  public static ProcessVehicleHistory of(Make make, AnalyticsConfig config,
      PCollectionView<Map<String, FleetInfo>> fleetInfo) {
    return new ProcessVehicleHistory(make, config, fleetInfo, null);
  }

  /**
   * Adds the stored raw_results rows of the Renault VINs that are not processed in this run, so that the fit covers
   * "all raw_results/renault files" (§4.3 step 1). Coded with {@link PhaseResultCoder}.
   */
  public ProcessVehicleHistory withOtherRenaultResults(PCollection<PhaseResult> stored) {
    return new ProcessVehicleHistory(make, config, fleetInfo, stored);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, Iterable<RawTssRow>>> histories) {
    PCollectionTuple perVin = histories.apply("NormaliseSegmentEstimate",
        ParDo.of(new HistoryFn(make, config, fleetInfo))
            .withSideInputs(fleetInfo)
            .withOutputTags(POINTS, TupleTagList.of(PHASES).and(RAW_RESULTS)));
    PCollection<KV<String, List<ProcessedPoint>>> points = perVin.get(POINTS).setCoder(HealthCoders.points());
    PCollection<KV<String, List<Phase>>> phases = perVin.get(PHASES).setCoder(HealthCoders.phases());
    PCollection<KV<String, List<PhaseResult>>> results = perVin.get(RAW_RESULTS)
        .setCoder(HealthCoders.rawResults());

    PCollection<PhaseResult> fitInputs = results.apply("PhaseResultRows",
        FlatMapElements.into(TypeDescriptor.of(PhaseResult.class))
            .via((KV<String, List<PhaseResult>> kv) -> kv.getValue()))
        .setCoder(PhaseResultCoder.of());
    if (otherRenaultResults != null) {
      fitInputs = PCollectionList.of(fitInputs).and(otherRenaultResults)
          .apply("WithStoredRenaultResults", Flatten.pCollections());
    }
    PCollection<KV<String, TemperatureFit>> fits = fitInputs.apply("FitRenaultTemperature",
        FitTemperatureEffect.of(config));
    PCollectionView<Map<String, TemperatureFit>> fitsView = fits.apply("TemperatureFitsByModel", View.asMap());

    PCollection<KV<String, List<WeeklyHealth>>> weekly = PCollectionTuple.of(POINTS, points).and(RAW_RESULTS, results)
        .apply("AggregateWeeklyHealth", AggregateWeeklyHealth.of(make, config, fleetInfo, fitsView));

    return PCollectionTuple.of(POINTS, points).and(PHASES, phases).and(RAW_RESULTS, results)
        .and(WEEKLY, weekly).and(TEMPERATURE_FITS, fits);
  }

  /** The thin adapter around {@link VehicleHistory#process}. */
  static final class HistoryFn extends DoFn<KV<String, Iterable<RawTssRow>>, KV<String, List<ProcessedPoint>>> {
    private static final long serialVersionUID = 1L;
    private final Make make;
    private final AnalyticsConfig config;
    private final PCollectionView<Map<String, FleetInfo>> fleetInfo;

    HistoryFn(Make make, AnalyticsConfig config, PCollectionView<Map<String, FleetInfo>> fleetInfo) {
      this.make = make;
      this.config = config;
      this.fleetInfo = fleetInfo;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String vin = c.element().getKey();
      FleetInfo info = c.sideInput(fleetInfo).getOrDefault(vin, FleetInfo.unknown(vin));
      VehicleOutputs out = VehicleHistory.process(make, vin, c.element().getValue(), info, config);
      CountersToMetrics.report(ProcessVehicleHistory.class, out.counters());
      c.output(POINTS, KV.of(vin, out.points()));
      c.output(PHASES, KV.of(vin, out.phases()));
      c.output(RAW_RESULTS, KV.of(vin, out.rawResults()));
    }
  }
}
