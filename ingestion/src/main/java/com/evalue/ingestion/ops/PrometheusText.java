package com.evalue.ingestion.ops;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus text exposition format 0.0.4 for a metrics-core registry: counters as {@code evalue_ingestion_*_total},
 * gauges as they are, timers as summaries in seconds. Every sample carries {@code source="…"}.
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PREFIX = "evalue_ingestion_";

  private PrometheusText() {}

  public static String render(IngestionMetrics metrics) {
    MetricRegistry registry = metrics.registry();
    String label = "{source=\"" + metrics.source().replace("\"", "") + "\"}";
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Metric> e : registry.getMetrics().entrySet()) {
      String name = PREFIX + e.getKey().replaceAll("[^a-zA-Z0-9_]", "_");
      Metric m = e.getValue();
      if (m instanceof Counter c) {
        out.append("# TYPE ").append(name).append("_total counter\n");
        out.append(name).append("_total").append(label).append(' ').append(c.getCount()).append('\n');
      } else if (m instanceof Gauge<?> g) {
        Object v = g.getValue();
        if (v instanceof Number n) {
          out.append("# TYPE ").append(name).append(" gauge\n");
          out.append(name).append(label).append(' ').append(number(n.doubleValue())).append('\n');
        }
      } else if (m instanceof Timer t) {
        String seconds = name + "_seconds";
        Snapshot s = t.getSnapshot();
        out.append("# TYPE ").append(seconds).append(" summary\n");
        for (double q : new double[] {0.5, 0.95, 0.99}) {
          out.append(seconds).append("{source=\"").append(metrics.source()).append("\",quantile=\"").append(q)
              .append("\"} ").append(number(s.getValue(q) / 1e9)).append('\n');
        }
        out.append(seconds).append("_count").append(label).append(' ').append(t.getCount()).append('\n');
        double sum = 0;
        for (long v : s.getValues()) {
          sum += v;
        }
        // metrics-core keeps a reservoir, not a running sum: mean × count is the honest estimate
        out.append(seconds).append("_sum").append(label).append(' ')
            .append(number(s.size() == 0 ? 0 : sum / s.size() / 1e9 * t.getCount())).append('\n');
      }
    }
    return out.toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return Double.toString(v);
  }
}
