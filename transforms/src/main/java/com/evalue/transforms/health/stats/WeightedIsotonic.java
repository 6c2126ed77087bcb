package com.evalue.transforms.health.stats;

/**
 * Weighted isotonic regression by pool-adjacent-violators (spec: pipeline.md §5 step 6, decision 15): the
 * non-increasing sequence iso minimising Σ wⱼ(vⱼ − isoⱼ)².
 */
public final class WeightedIsotonic {
  private WeightedIsotonic() {}

  /** The non-increasing fit of {@code v} with positive weights {@code w}, in the given order. */
  public static double[] nonIncreasing(double[] v, double[] w) {
    int n = v.length;
    if (w.length != n) {
      throw new IllegalArgumentException("v and w must have the same length");
    }
    // Blocks on a stack: weighted mean, total weight and length. A violation is a block whose mean is above the
    // previous block's mean (the fit must not increase); pooling replaces both by their weighted mean.
    double[] mean = new double[n];
    double[] weight = new double[n];
    int[] size = new int[n];
    int top = -1;
    for (int i = 0; i < n; i++) {
      if (!(w[i] > 0)) {
        throw new IllegalArgumentException("weights must be positive: " + w[i]);
      }
      top++;
      mean[top] = v[i];
      weight[top] = w[i];
      size[top] = 1;
      while (top > 0 && mean[top - 1] < mean[top]) {
        double wt = weight[top - 1] + weight[top];
        mean[top - 1] = (mean[top - 1] * weight[top - 1] + mean[top] * weight[top]) / wt;
        weight[top - 1] = wt;
        size[top - 1] += size[top];
        top--;
      }
    }
    double[] out = new double[n];
    int k = 0;
    for (int b = 0; b <= top; b++) {
      for (int j = 0; j < size[b]; j++) {
        out[k++] = mean[b];
      }
    }
    return out;
  }
}
