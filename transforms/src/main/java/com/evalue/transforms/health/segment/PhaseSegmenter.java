package com.evalue.transforms.health.segment;

import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * processed_tss segmentation of one VIN (spec: pipeline.md §3.2–§3.3): the sorted normalised points → the points
 * with {@code seg_status} / {@code seg_phase_index} and the phase table. Rows with null SoC are not segmented.
 */
public final class PhaseSegmenter {
  private PhaseSegmenter() {}

  public static SegmentedHistory segment(Make make, String vin, List<ProcessedPoint> sortedPoints,
      AnalyticsConfig config, HealthCounters counters) {
    List<Integer> socRows = new ArrayList<>();
    for (int i = 0; i < sortedPoints.size(); i++) {
      if (sortedPoints.get(i).number("soc") != null) {
        socRows.add(i);
      }
    }
    double[] soc = new double[socRows.size()];
    long[] micros = new long[socRows.size()];
    for (int k = 0; k < soc.length; k++) {
      ProcessedPoint p = sortedPoints.get(socRows.get(k));
      soc[k] = p.number("soc");
      micros[k] = Timestamps.toEpochMicros(p.timestamp());
    }
    SegmentationTrace trace = Segmentation.segment(make, soc, micros, config);
    List<ProcessedPoint> points = new ArrayList<>(sortedPoints.size());
    for (ProcessedPoint p : sortedPoints) {
      points.add(p.segStatus() == null ? p : p.withSegmentation(null, null));
    }
    for (int k = 0; k < soc.length; k++) {
      if (trace.phaseIndex()[k] != null) {
        int row = socRows.get(k);
        points.set(row, points.get(row).withSegmentation(trace.status()[k], trace.phaseIndex()[k]));
      }
    }
    List<Phase> phases = PhaseTable.build(vin, soc, micros, trace, config);
    phases.forEach(p -> counters.inc(HealthCounters.phases(p.phaseStatus())));
    return new SegmentedHistory(points, phases);
  }
}
