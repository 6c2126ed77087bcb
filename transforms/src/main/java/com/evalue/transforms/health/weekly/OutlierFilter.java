package com.evalue.transforms.health.weekly;

import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.stats.Quantiles;
import com.evalue.transforms.health.stats.TheilSen;

/**
 * The outlier filter of spec pipeline.md §5 step 4: residuals against the VIN's own Theil–Sen trend, judged with a
 * MAD rule. It only marks weeks; the caller nulls their SoH and keeps the week rows (decision 2).
 */
public final class OutlierFilter {
  /** Scales a MAD to a standard deviation under normality. */
  public static final double MAD_TO_SIGMA = 1.4826;

  private OutlierFilter() {}

  /**
   * @param x weeks since the VIN's first week, one per week with a non-null SoH
   * @param v the SoH of those weeks
   * @return true for the outlier weeks; all false when there are fewer than {@code outlier_min_weeks}
   */
  public static boolean[] outliers(double[] x, double[] v, AnalyticsConfig config) {
    int n = v.length;
    boolean[] out = new boolean[n];
    if (n < config.outlierMinWeeks() || n == 0) {
      return out;
    }
    TheilSen line = TheilSen.fit(x, v);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = v[i] - line.at(x[i]);
    }
    double medianR = Quantiles.median(r);
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      dev[i] = Math.abs(r[i] - medianR);
    }
    double mad = Quantiles.median(dev);
    double limit = Math.max(config.outlierMadK() * MAD_TO_SIGMA * mad, config.outlierMinAbs());
    for (int i = 0; i < n; i++) {
      out[i] = dev[i] > limit;
    }
    return out;
  }
}
