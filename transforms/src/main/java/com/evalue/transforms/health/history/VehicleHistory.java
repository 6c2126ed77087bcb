package com.evalue.transforms.health.history;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseEstimator;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.normalise.Normaliser;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.segment.PhaseSegmenter;
import com.evalue.transforms.health.segment.SegmentedHistory;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.weekly.WeeklyAggregator;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Make;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The per-VIN stages in the order of spec pipeline.md: processed_tss (§3) and raw_results (§4) in one call, then
 * processed_results (§5) once the Renault temperature fits (§4.3) are known. Pure and deterministic: the same
 * inputs in any order give the same outputs.
 */
public final class VehicleHistory {
  private VehicleHistory() {}

  /** §3 normalisation and segmentation, then §4 raw_results, over the VIN's full raw_tss history. */
  public static VehicleOutputs process(Make make, String vin, Iterable<RawTssRow> rawTss, FleetInfo info,
      AnalyticsConfig config) {
    HealthCounters counters = new HealthCounters();
    List<ProcessedPoint> normalised = Normaliser.normalise(make, rawTss, config, counters);
    SegmentedHistory segmented = PhaseSegmenter.segment(make, vin, normalised, config, counters);
    List<PhaseResult> results = PhaseEstimator.estimate(make, segmented.points(), segmented.phases(), info, config,
        counters);
    return new VehicleOutputs(vin, segmented.points(), segmented.phases(), results, counters);
  }

  /** §5 steps 1–9: the VIN's weekly rows from its raw_results and points. */
  public static List<WeeklyHealth> weekly(Make make, String vin, List<PhaseResult> rawResults,
      List<ProcessedPoint> points, FleetInfo info, @Nullable TemperatureFit fit, AnalyticsConfig config,
      HealthCounters counters) {
    return WeeklyAggregator.aggregate(make, vin, rawResults, points, info, fit, config, counters);
  }
}
