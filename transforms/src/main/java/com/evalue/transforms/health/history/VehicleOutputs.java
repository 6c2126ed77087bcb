package com.evalue.transforms.health.history;

import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.segment.Phase;
import java.util.List;

/**
 * processed_tss and raw_results of one VIN (spec: storage.md §5): the content of its points, phases and
 * raw_results files, plus the counters of the computation.
 */
public record VehicleOutputs(String vin, List<ProcessedPoint> points, List<Phase> phases,
    List<PhaseResult> rawResults, HealthCounters counters) {
  public VehicleOutputs {
    points = List.copyOf(points);
    phases = List.copyOf(phases);
    rawResults = List.copyOf(rawResults);
  }
}
