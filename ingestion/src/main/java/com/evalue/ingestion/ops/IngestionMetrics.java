package com.evalue.ingestion.ops;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The metrics of one ingestion process (Dropwizard metrics-core), exposed as Prometheus text on {@code /metrics}
 * and summarised on {@code /health}. Names are the product's words; {@code source} tells the process apart.
 */
public final class IngestionMetrics {
  private final String source;
  private final Clock clock;
  private final MetricRegistry registry = new MetricRegistry();
  /** Messages or vehicle elements received from an OEM (before validation and change detection). */
  public final Counter recordsIn;
  /** Envelopes written to temp objects. */
  public final Counter envelopesWritten;
  public final Counter tempObjectsWritten;
  /** Rejected records written to {@code dlq/ingestion/}. */
  public final Counter deadLetters;
  /** Poll results not stored because their change-hash equals the last stored one (sources.md §1.5). */
  public final Counter unchanged;
  /** Redis calls that failed; the payload was stored anyway. */
  public final Counter redisErrors;
  public final Counter flushFailures;
  /** Requests sent to the OEM and the ones that did not give data (non-200, timeouts, I/O errors). */
  public final Counter oemRequests;
  public final Counter oemFailures;
  public final Timer flushLatency;
  private final AtomicReference<Instant> lastFlush = new AtomicReference<>();
  private final AtomicReference<Instant> lastReceive = new AtomicReference<>();

  public IngestionMetrics(String source, Clock clock) {
    this.source = source;
    this.clock = clock;
    recordsIn = registry.counter("records_in");
    envelopesWritten = registry.counter("envelopes_written");
    tempObjectsWritten = registry.counter("temp_objects_written");
    deadLetters = registry.counter("dead_letters");
    unchanged = registry.counter("change_detection_unchanged");
    redisErrors = registry.counter("redis_errors");
    flushFailures = registry.counter("flush_failures");
    oemRequests = registry.counter("oem_requests");
    oemFailures = registry.counter("oem_failures");
    flushLatency = registry.timer("flush_latency");
    registry.register("last_flush_age_seconds", (Gauge<Double>) () -> ageSeconds(lastFlush.get()));
    registry.register("last_receive_age_seconds", (Gauge<Double>) () -> ageSeconds(lastReceive.get()));
  }

  public String source() {
    return source;
  }

  public MetricRegistry registry() {
    return registry;
  }

  /** Registers a gauge once (e.g. the buffer's size and lag). */
  public <T extends Number> void gauge(String name, Supplier<T> value) {
    registry.remove(name);
    registry.register(name, (Gauge<T>) value::get);
  }

  public void flushed() {
    lastFlush.set(clock.instant());
  }

  public void received() {
    lastReceive.set(clock.instant());
  }

  public Instant lastFlush() {
    return lastFlush.get();
  }

  public Instant lastReceive() {
    return lastReceive.get();
  }

  private double ageSeconds(Instant t) {
    return t == null ? -1 : Duration.between(t, clock.instant()).toMillis() / 1000.0;
  }
}
