package com.evalue.transforms.health.weekly;

import com.evalue.transforms.health.stats.WeightedIsotonic;

/**
 * The monotone SoH of spec pipeline.md §5 step 6 (decisions 3 and 15): a weighted non-increasing isotonic fit of
 * the weeks that have a SoH, then a cap on the drop per elapsed week. Weeks without SoH are not inputs and stay null.
 */
public final class MonotoneSoh {
  private MonotoneSoh() {}

  /**
   * @param week the ISO-week number of each value (any origin), strictly increasing
   * @param v the weekly SoH values
   * @param n their weights, {@code soh_estimated_n}
   * @param maxWeeklyDrop {@code monotone_max_weekly_drop} (0.003)
   */
  public static double[] fit(long[] week, double[] v, double[] n, double maxWeeklyDrop) {
    int m = v.length;
    if (m <= 1) {
      return v.clone();
    }
    double[] iso = WeightedIsotonic.nonIncreasing(v, n);
    double[] out = new double[m];
    out[0] = iso[0];
    for (int j = 1; j < m; j++) {
      long k = week[j] - week[j - 1];
      out[j] = Math.max(iso[j], out[j - 1] - maxWeeklyDrop * k);
    }
    return out;
  }
}
