package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.HealthCounters;
import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;

/** Turns the tally of a pure stage into Beam counters of the same names (spec: pipeline.md §7.3). */
final class CountersToMetrics {
  private CountersToMetrics() {}

  static void report(Class<?> namespace, HealthCounters counters) {
    for (Map.Entry<String, Long> e : counters.asMap().entrySet()) {
      Metrics.counter(namespace, e.getKey()).inc(e.getValue());
    }
  }
}
