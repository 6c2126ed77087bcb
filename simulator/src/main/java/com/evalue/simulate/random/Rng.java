package com.evalue.simulate.random;

import java.util.List;

/**
 * A small, fully specified pseudo-random generator (SplitMix64) so that a seed gives byte-identical output on every
 * JDK. Independent streams are derived by name and index, so that adding a vehicle or switching defects off never
 * changes the physics of the other vehicles.
 */
public final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private long state;
  private double spareGaussian = Double.NaN;

  public Rng(long seed) {
    this.state = seed;
  }

  /** A stream named {@code stream} for item {@code index}, independent of every other (seed, stream, index). */
  public static Rng derive(long seed, String stream, long index) {
    long h = mix(seed + GOLDEN);
    for (int i = 0; i < stream.length(); i++) {
      h = mix(h ^ stream.charAt(i));
    }
    return new Rng(mix(h ^ mix(index + GOLDEN)));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }

  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * nextDouble();
  }

  public boolean chance(double p) {
    return nextDouble() < p;
  }

  /** Standard normal by the polar Box–Muller method (implemented here so that it never depends on the JDK). */
  public double gaussian() {
    if (!Double.isNaN(spareGaussian)) {
      double g = spareGaussian;
      spareGaussian = Double.NaN;
      return g;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * Math.log(s) / s);
    spareGaussian = v * f;
    return u * f;
  }

  public double normal(double mean, double sd) {
    return mean + sd * gaussian();
  }

  /** Normal, clipped to [mean − limit, mean + limit]. */
  public double clippedNormal(double mean, double sd, double limit) {
    return Math.max(mean - limit, Math.min(mean + limit, normal(mean, sd)));
  }

  /** A Poisson count with the given mean (Knuth; means here are small). */
  public int poisson(double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = nextDouble();
    while (p > l) {
      k++;
      p *= nextDouble();
    }
    return k;
  }

  public <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  /** Picks index i with probability weights[i] / Σ weights. */
  public int weighted(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** {@code n} lower-case hex digits. */
  public String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    long bits = 0;
    int left = 0;
    for (int i = 0; i < n; i++) {
      if (left == 0) {
        bits = nextLong();
        left = 16;
      }
      sb.append(HEX[(int) (bits & 0xF)]);
      bits >>>= 4;
      left--;
    }
    return sb.toString();
  }

  /** A version-4-shaped UUID string, e.g. {@code b1c9e7d2-4f0a-4c61-9d55-2a7e3c0f9b18}. */
  public String uuid() {
    String h = hex(32);
    char variant = HEX[8 + nextInt(4)];
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-" + variant
        + h.substring(17, 20) + "-" + h.substring(20, 32);
  }
}
