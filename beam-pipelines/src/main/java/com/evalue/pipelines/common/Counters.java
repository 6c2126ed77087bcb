package com.evalue.pipelines.common;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Reads a finished (or running) pipeline's counters into a sorted name → value map. */
public final class Counters {
  private Counters() {}

  /** Every counter of the run, keyed by its name (namespaces are dropped: names are unique per pipeline). */
  public static Map<String, Long> of(PipelineResult result) {
    MetricQueryResults q;
    try {
      q = result.metrics().queryMetrics(MetricsFilter.builder().build());
    } catch (UnsupportedOperationException | IllegalStateException e) {
      return Map.of();
    }
    Map<String, Long> out = new java.util.TreeMap<>();
    for (MetricResult<Long> c : q.getCounters()) {
      Long v = attempted(c);
      if (v != null) {
        out.merge(c.getName().getName(), v, Long::sum);
      }
    }
    return out;
  }

  private static Long attempted(MetricResult<Long> c) {
    try {
      return c.getAttempted();
    } catch (UnsupportedOperationException e) {
      return c.getCommitted();
    }
  }

  public static long get(Map<String, Long> counters, String name) {
    return counters.getOrDefault(name, 0L);
  }

  /**
   * One make's share of a run that covered several: every {@code name.{make}} counter as {@code name}. A run's
   * totals are left out, since they would count the other makes too.
   */
  public static Map<String, Long> ofMake(Map<String, Long> counters, String make) {
    String suffix = "." + make;
    Map<String, Long> out = new java.util.TreeMap<>();
    counters.forEach((name, value) -> {
      if (name.endsWith(suffix)) {
        out.put(name.substring(0, name.length() - suffix.length()), value);
      }
    });
    return out;
  }

  /** {@code a=1 b=2} in the given key order, for one-line logs. */
  public static String format(Map<String, Long> counters, String... names) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (String n : names) {
      ordered.put(n, get(counters, n));
    }
    StringBuilder sb = new StringBuilder();
    ordered.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }
}
