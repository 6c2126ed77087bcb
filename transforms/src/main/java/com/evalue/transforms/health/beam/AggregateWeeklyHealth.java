package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.history.VehicleHistory;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Make;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * processed_results (spec: pipeline.md §5 steps 1–9) per VIN: the VIN's processed_tss points and raw_results, joined
 * by VIN, → its weekly rows, one element per VIN (an empty list when it has no week). The input tuple holds
 * {@link ProcessVehicleHistory#POINTS} and {@link ProcessVehicleHistory#RAW_RESULTS}, either from this run or read
 * back from storage (VINs dirty only for {@code temperature_fit_changed}, storage.md §6.3). Side inputs: fleet_info
 * by VIN (range for cycles, model for the fit) and the temperature fits by model.
 */
public final class AggregateWeeklyHealth
    extends PTransform<PCollectionTuple, PCollection<KV<String, List<WeeklyHealth>>>> {
  private static final long serialVersionUID = 1L;

  private final Make make;
  private final AnalyticsConfig config;
  private final PCollectionView<Map<String, FleetInfo>> fleetInfo;
  private final PCollectionView<Map<String, TemperatureFit>> temperatureFits;

  private AggregateWeeklyHealth(Make make, AnalyticsConfig config, PCollectionView<Map<String, FleetInfo>> fleetInfo,
      PCollectionView<Map<String, TemperatureFit>> temperatureFits) {
    this.make = make;
    this.config = config;
    this.fleetInfo = fleetInfo;
    this.temperatureFits = temperatureFits;
  }

  public static AggregateWeeklyHealth of(Make make, AnalyticsConfig config,
      PCollectionView<Map<String, FleetInfo>> fleetInfo,
      PCollectionView<Map<String, TemperatureFit>> temperatureFits) {
    return new AggregateWeeklyHealth(make, config, fleetInfo, temperatureFits);
  }

  @Override
  public PCollection<KV<String, List<WeeklyHealth>>> expand(PCollectionTuple input) {
    TupleTag<List<ProcessedPoint>> points = new TupleTag<>("points");
    TupleTag<List<PhaseResult>> results = new TupleTag<>("rawResults");
    return KeyedPCollectionTuple
        .of(points, input.get(ProcessVehicleHistory.POINTS))
        .and(results, input.get(ProcessVehicleHistory.RAW_RESULTS))
        .apply("JoinPointsAndPhasesByVin", CoGroupByKey.create())
        .apply("AggregateWeeks", ParDo.of(new WeeklyFn(make, config, fleetInfo, temperatureFits, points, results))
            .withSideInputs(fleetInfo, temperatureFits))
        .setCoder(HealthCoders.weekly());
  }

  /** The thin adapter around {@link VehicleHistory#weekly}. */
  static final class WeeklyFn extends DoFn<KV<String, CoGbkResult>, KV<String, List<WeeklyHealth>>> {
    private static final long serialVersionUID = 1L;
    private final Make make;
    private final AnalyticsConfig config;
    private final PCollectionView<Map<String, FleetInfo>> fleetInfo;
    private final PCollectionView<Map<String, TemperatureFit>> temperatureFits;
    private final TupleTag<List<ProcessedPoint>> points;
    private final TupleTag<List<PhaseResult>> results;

    WeeklyFn(Make make, AnalyticsConfig config, PCollectionView<Map<String, FleetInfo>> fleetInfo,
        PCollectionView<Map<String, TemperatureFit>> temperatureFits, TupleTag<List<ProcessedPoint>> points,
        TupleTag<List<PhaseResult>> results) {
      this.make = make;
      this.config = config;
      this.fleetInfo = fleetInfo;
      this.temperatureFits = temperatureFits;
      this.points = points;
      this.results = results;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      String vin = c.element().getKey();
      List<ProcessedPoint> vinPoints = new ArrayList<>();
      c.element().getValue().getAll(points).forEach(vinPoints::addAll);
      List<PhaseResult> vinResults = new ArrayList<>();
      c.element().getValue().getAll(results).forEach(vinResults::addAll);
      FleetInfo info = c.sideInput(fleetInfo).getOrDefault(vin, FleetInfo.unknown(vin));
      TemperatureFit fit = info.model() == null ? null : c.sideInput(temperatureFits).get(info.model());
      HealthCounters counters = new HealthCounters();
      List<WeeklyHealth> weeks = VehicleHistory.weekly(make, vin, vinResults, vinPoints, info, fit, config,
          counters);
      CountersToMetrics.report(AggregateWeeklyHealth.class, counters);
      c.output(KV.of(vin, weeks));
    }
  }
}
