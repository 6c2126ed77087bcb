package com.evalue.transforms.health.segment;

import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.model.Make;

/**
 * The exact segmentation algorithm of spec pipeline.md §3.2, steps 1–9, over the points P₁…Pₙ of one VIN that have
 * a non-null SoC, in timestamp order. Arrays are 0-based: index 0 is P₁.
 */
public final class Segmentation {
  private static final double MICROS_PER_MINUTE = 60_000_000d;

  private Segmentation() {}

  /**
   * Runs steps 1–9.
   *
   * @param soc SoC in percent of each point, non-null
   * @param micros timestamps in epoch microseconds, strictly increasing
   */
  public static SegmentationTrace segment(Make make, double[] soc, long[] micros, AnalyticsConfig config) {
    int n = soc.length;
    if (micros.length != n) {
      throw new IllegalArgumentException("soc and micros must have the same length");
    }
    // Step 1: d and g; null (NaN) for P₁.
    double[] d = new double[n];
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = i == 0 ? Double.NaN : soc[i] - soc[i - 1];
      g[i] = i == 0 ? Double.NaN : (micros[i] - micros[i - 1]) / MICROS_PER_MINUTE;
    }
    // Step 2: r = sign(d); dir = forward fill of r (0 is a value); dir₁ null.
    Integer[] dir = new Integer[n];
    Integer last = null;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(d[i])) {
        last = (int) Math.signum(d[i]);
      }
      dir[i] = last;
    }
    // Step 3: change = 1 iff i ≥ 3 (1-based) and dir changes; naive phase = cumulative sum, P₁ shares P₂'s phase.
    int[] naive = new int[n];
    for (int i = 0; i < n; i++) {
      int change = i >= 2 && !dir[i].equals(dir[i - 1]) ? 1 : 0;
      naive[i] = (i == 0 ? 0 : naive[i - 1]) + change;
    }
    // Step 4 (tesla): merge naive phases shorter than 3 min into the last preceding phase of ≥ 3 min, if any.
    int[] phase = naive.clone();
    if (n > 0 && config.mergesShortPhases(make)) {
      phase = mergeShortPhases(naive, g, config.shortPhaseMergeMinutes());
    }
    int phases = n == 0 ? 0 : phase[n - 1] + 1;
    // Step 5: D per phase (null d counts 0); prev/next are the neighbours' dir.
    double[] sum = new double[phases];
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(d[i])) {
        sum[phase[i]] += d[i];
      }
    }
    // Step 6: status, first matching rule wins.
    double threshold = config.socDiffThreshold();
    PhaseStatus[] step6 = new PhaseStatus[n];
    for (int i = 0; i < n; i++) {
      double dp = sum[phase[i]];
      Integer prev = i > 0 ? dir[i - 1] : null;
      Integer next = i + 1 < n ? dir[i + 1] : null;
      if (dp > threshold) {
        step6[i] = PhaseStatus.CHARGING;
      } else if (dp < -threshold) {
        step6[i] = PhaseStatus.DISCHARGING;
      } else if (prev != null && prev.equals(next) && prev > 0) {
        step6[i] = PhaseStatus.CHARGING;
      } else if (prev != null && prev.equals(next) && prev < 0) {
        step6[i] = PhaseStatus.DISCHARGING; // neighbour absorption
      } else {
        step6[i] = null; // idle
      }
    }
    // Step 7: start one point earlier, evaluated against step-6 statuses in one pass.
    PhaseStatus[] status = new PhaseStatus[n];
    for (int i = 0; i < n; i++) {
      status[i] = i + 1 < n && step6[i + 1] != null ? step6[i + 1] : step6[i];
    }
    // Steps 8–9: drop idle points; a new phase on a status change and, for bmw/tesla/renault, on a gap > 45 min.
    boolean splitGaps = config.splitsOnGap(make);
    double gapMicros = config.gapSplitMinutes() * MICROS_PER_MINUTE;
    Integer[] phaseIndex = new Integer[n];
    int previous = -1;
    int index = 0;
    for (int i = 0; i < n; i++) {
      if (status[i] == null) {
        continue;
      }
      if (previous >= 0) {
        boolean isNew = status[i] != status[previous]
            || (splitGaps && (micros[i] - micros[previous]) > gapMicros);
        index += isNew ? 1 : 0;
      }
      phaseIndex[i] = index;
      previous = i;
    }
    return new SegmentationTrace(d, g, dir, naive, phase, sum, step6, status, phaseIndex);
  }

  /**
   * Step 4: Tₚ = Σ g over the naive phase (null g = 0); a phase with Tₚ below {@code minutes} joins the last
   * preceding phase with Tₚ ≥ {@code minutes}; phases are then renumbered densely.
   */
  static int[] mergeShortPhases(int[] naive, double[] g, double minutes) {
    int n = naive.length;
    int phases = naive[n - 1] + 1;
    double[] total = new double[phases];
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(g[i])) {
        total[naive[i]] += g[i];
      }
    }
    int[] target = new int[phases];
    int lastLong = -1;
    for (int p = 0; p < phases; p++) {
      if (total[p] >= minutes) {
        lastLong = p;
        target[p] = p;
      } else {
        target[p] = lastLong >= 0 ? lastLong : p;
      }
    }
    // Dense renumbering in order of appearance; targets never decrease, so groups stay contiguous.
    int[] dense = new int[phases];
    int next = -1;
    int previousTarget = -1;
    for (int p = 0; p < phases; p++) {
      if (target[p] != previousTarget) {
        next++;
        previousTarget = target[p];
      }
      dense[p] = next;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = dense[naive[i]];
    }
    return out;
  }
}
