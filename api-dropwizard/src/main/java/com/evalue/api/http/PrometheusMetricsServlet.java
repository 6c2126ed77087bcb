package com.evalue.api.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /prometheus} on the admin connector: the application's metrics registry and health checks in the
 * Prometheus text format (0.0.4), for the same scrapers as the ingestion processes' {@code /metrics}. Names are the
 * registry's, prefixed {@code evalue_api_} and reduced to {@code [a-zA-Z0-9_]}: meters become {@code _total}
 * counters and a one-minute rate gauge, counters (which may count down) and numeric gauges gauges, histograms and
 * timers summaries with the 0.5, 0.95 and 0.99 quantiles of their reservoir (timers in seconds), each health check a
 * gauge {@code evalue_api_health_check{check="…"}} of 1 (healthy) or 0.
 */
public final class PrometheusMetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final String PREFIX = "evalue_api_";
  private static final double[] QUANTILES = {0.5, 0.95, 0.99};

  private final transient MetricRegistry metrics;
  private final transient HealthCheckRegistry healthChecks;

  public PrometheusMetricsServlet(MetricRegistry metrics, HealthCheckRegistry healthChecks) {
    this.metrics = metrics;
    this.healthChecks = healthChecks;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    write(response.getWriter());
  }

  /** The exposition text of the registries as they are now. */
  void write(PrintWriter out) {
    metrics.getCounters().forEach((name, c) -> counter(out, name, c));
    metrics.getMeters().forEach((name, m) -> meter(out, name, m));
    metrics.getGauges().forEach((name, g) -> gauge(out, name, g));
    metrics.getHistograms().forEach((name, h) -> summary(out, name, h.getSnapshot(), h.getCount(), 1));
    metrics.getTimers().forEach((name, t) -> summary(out, name + ".seconds", t.getSnapshot(), t.getCount(),
        1.0 / TimeUnit.SECONDS.toNanos(1)));
    String health = PREFIX + "health_check";
    out.printf("# TYPE %s gauge%n", health);
    for (Map.Entry<String, HealthCheck.Result> e : healthChecks.runHealthChecks().entrySet()) {
      out.printf("%s{check=\"%s\"} %d%n", health, label(e.getKey()), e.getValue().isHealthy() ? 1 : 0);
    }
    out.flush();
  }

  /** A gauge: a Dropwizard counter may also count down (Jetty's active requests), which a Prometheus counter may not. */
  private static void counter(PrintWriter out, String name, Counter c) {
    String n = name(name);
    out.printf("# TYPE %s gauge%n%s %d%n", n, n, c.getCount());
  }

  private static void meter(PrintWriter out, String name, Meter m) {
    String n = name(name);
    out.printf("# TYPE %s_total counter%n%s_total %d%n", n, n, m.getCount());
    out.printf("# TYPE %s_rate_1m gauge%n%s_rate_1m %s%n", n, n, number(m.getOneMinuteRate()));
  }

  private static void gauge(PrintWriter out, String name, Gauge<?> g) {
    Object value;
    try {
      value = g.getValue();
    } catch (RuntimeException e) {
      return; // a gauge that cannot be read now (e.g. a pool being closed) is left out of this scrape
    }
    double v;
    if (value instanceof Number number) {
      v = number.doubleValue();
    } else if (value instanceof Boolean b) {
      v = b ? 1 : 0;
    } else {
      return;
    }
    String n = name(name);
    out.printf("# TYPE %s gauge%n%s %s%n", n, n, number(v));
  }

  private static void summary(PrintWriter out, String name, Snapshot s, long count, double scale) {
    String n = name(name);
    out.printf("# TYPE %s summary%n", n);
    for (double q : QUANTILES) {
      out.printf("%s{quantile=\"%s\"} %s%n", n, q, number(s.getValue(q) * scale));
    }
    out.printf("%s_count %d%n", n, count);
  }

  static String name(String registryName) {
    return PREFIX + registryName.replaceAll("[^a-zA-Z0-9_]", "_");
  }

  private static String label(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(v);
  }
}
