package com.evalue.transforms.health.segment;

import com.evalue.transforms.health.normalise.ProcessedPoint;
import java.util.List;

/** processed_tss of one VIN (spec: pipeline.md §3.3 "Outputs"): the points with segmentation columns, the phases. */
public record SegmentedHistory(List<ProcessedPoint> points, List<Phase> phases) {
  public SegmentedHistory {
    points = List.copyOf(points);
    phases = List.copyOf(phases);
  }
}
