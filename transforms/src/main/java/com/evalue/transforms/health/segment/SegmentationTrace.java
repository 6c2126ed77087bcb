package com.evalue.transforms.health.segment;

import com.evalue.transforms.health.PhaseStatus;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * Every intermediate column of the segmentation algorithm (spec: pipeline.md §3.2), one entry per point with
 * non-null SoC, for tests and diagnostics. Null entries of the spec are NaN ({@code d}, {@code g}) or null.
 *
 * @param d dᵢ = socᵢ − socᵢ₋₁ (step 1)
 * @param g gᵢ in minutes (step 1)
 * @param dir the forward-filled sign (step 2); null for P₁
 * @param naivePhase pᵢ (step 3)
 * @param phase the phase after the short-phase merge (step 4), renumbered densely
 * @param phaseSum D of each phase of {@code phase} (step 5), indexed by phase
 * @param step6 the status of step 6; null = idle
 * @param status the status after step 7; null = idle (dropped in step 8)
 * @param phaseIndex the phase index of step 9; null for dropped points
 */
public record SegmentationTrace(
    double[] d,
    double[] g,
    Integer[] dir,
    int[] naivePhase,
    int[] phase,
    double[] phaseSum,
    PhaseStatus[] step6,
    PhaseStatus[] status,
    Integer[] phaseIndex) {

  public int size() {
    return d.length;
  }

  public @Nullable PhaseStatus status(int i) {
    return status[i];
  }

  @Override
  public String toString() {
    return "SegmentationTrace{naivePhase=" + Arrays.toString(naivePhase) + ", phase=" + Arrays.toString(phase)
        + ", phaseSum=" + Arrays.toString(phaseSum) + ", status=" + Arrays.toString(status) + ", phaseIndex="
        + Arrays.toString(phaseIndex) + "}";
  }
}
