package com.evalue.ingestion;

import com.evalue.ingestion.buffer.EnvelopeBuffer;
import com.evalue.ingestion.buffer.TempObjectWriter;
import com.evalue.ingestion.change.ChangeDetector;
import com.evalue.ingestion.ops.Health;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.ingestion.ops.OpsEndpoints;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.storage.Warehouse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One polling ingestion process: a {@link Poller}, its {@link EnvelopeBuffer}, Redis change detection, and the
 * {@code /health} + {@code /metrics} endpoints. {@link #start} runs a poll round and a buffer flush check every
 * tick; {@link #close} (the SIGTERM path) stops polling, then flushes everything within 10 s.
 */
public final class PollingService implements AutoCloseable {
  public static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(PollingService.class);

  private final IngestionMetrics metrics;
  private final EnvelopeBuffer buffer;
  private final ChangeDetector changes;
  private final Poller poller;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private HttpServer ops;

  /** What a poller needs from the process. */
  public record Parts(PolledRecords records, IngestionMetrics metrics, Clock clock) {}

  private PollingService(IngestionMetrics metrics, EnvelopeBuffer buffer, ChangeDetector changes, Poller poller,
      Clock clock) {
    this.metrics = metrics;
    this.buffer = buffer;
    this.changes = changes;
    this.poller = poller;
    this.clock = clock;
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, metrics.source() + "-scheduler");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Wires a process: the temp writer ({@code writer_id} = host + start time + {@code source}), the buffer, change
   * detection against {@code redis} (null: none), and the poller built from those parts.
   */
  public static PollingService create(String source, Warehouse warehouse, Clock clock, URI redis,
      Duration redisTimeout, Function<Parts, Poller> pollerFactory) {
    IngestionMetrics metrics = new IngestionMetrics(source, clock);
    ChangeDetector changes = redis == null ? ChangeDetector.disabled(metrics)
        : ChangeDetector.redis(redis, redisTimeout, metrics);
    EnvelopeBuffer buffer = new EnvelopeBuffer(new TempObjectWriter(warehouse, TempBuffer.writerId(source)), clock,
        metrics, changes::written);
    PolledRecords records = new PolledRecords(buffer, changes, metrics);
    Poller poller = pollerFactory.apply(new Parts(records, metrics, clock));
    return new PollingService(metrics, buffer, changes, poller, clock);
  }

  /** Serves {@code /health} and {@code /metrics} on {@code host:port} (port 0: any free port). */
  public PollingService serveOps(String host, int port) throws IOException {
    ops = HttpServer.create(new InetSocketAddress(host, port), 16);
    OpsEndpoints.install(ops, metrics, this::health);
    ops.start();
    LOG.info("event=ops_started source={} address={}", metrics.source(), ops.getAddress());
    return this;
  }

  public int opsPort() {
    return ops.getAddress().getPort();
  }

  /**
   * Polls and checks the buffer every {@code tick} until {@link #close}. Polls and flushes run on their own
   * threads, so a slow poll round never delays the 30 s flush.
   */
  public PollingService start(Duration tick) {
    scheduler.scheduleWithFixedDelay(this::pollRound, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(this::flushRound, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round: the due polls, then the due flushes. Public for tests driven by a controllable clock. */
  public void tick() {
    pollRound();
    flushRound();
  }

  private void pollRound() {
    try {
      poller.pollOnce();
    } catch (RuntimeException e) {
      LOG.error("event=poll_round_failed source={} error=\"{}\"", metrics.source(), e.toString());
    }
  }

  private void flushRound() {
    try {
      buffer.flushDue();
    } catch (RuntimeException e) {
      LOG.error("event=flush_round_failed source={} error=\"{}\"", metrics.source(), e.toString());
    }
  }

  public EnvelopeBuffer buffer() {
    return buffer;
  }

  public IngestionMetrics metrics() {
    return metrics;
  }

  public Poller poller() {
    return poller;
  }

  public Health health() {
    Instant now = clock.instant();
    double lag = buffer.oldestUnflushed().map(t -> Duration.between(t, now).toMillis() / 1000.0).orElse(0.0);
    // a buffer that has held data for more than two minutes is not flushing (30 s rule + backoff)
    boolean flushFailing = lag > 120;
    return new Health(metrics.source(), poller.consuming(), lag, buffer.buffered(), metrics.lastFlush(),
        metrics.lastReceive(), flushFailing);
  }

  /** SIGTERM (and any JVM exit) runs {@link #close}: polling stops and the buffer is flushed. */
  public PollingService closeOnShutdown() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, metrics.source() + "-shutdown"));
    return this;
  }

  /** Blocks until {@link #close} has finished (the CLI's main thread waits here until SIGTERM). */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Stops polling, then the final flush (at most 10 s), then Redis and the endpoints. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.info("event=shutdown source={} buffered={}", metrics.source(), buffer.buffered());
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poller.close();
    boolean complete = buffer.flushAll(SHUTDOWN_FLUSH);
    changes.close();
    if (ops != null) {
      ops.stop(0);
    }
    LOG.info("event=stopped source={} final_flush_complete={}", metrics.source(), complete);
    stopped.countDown();
  }
}
