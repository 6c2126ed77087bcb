package com.evalue.ingestion.tesla;

import com.evalue.ingestion.ops.Health;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.ingestion.ops.OpsEndpoints;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evalue ingest tesla} process around the streaming pipeline (spec: sources.md §1.6, §1.7, §2; issue #4
 * item 9): starts the pipeline without blocking, polls the Kafka lag, serves {@code /health} and {@code /metrics}
 * like the pollers ({@link OpsEndpoints}), and stops with a final flush.
 *
 * <p><b>Stopping</b> ({@link #stop}, also the SIGTERM path through {@link #closeOnShutdown}): the DirectRunner does
 * not reliably call {@code @Teardown} on cancel, and a DoFn's state can only be touched from inside the DoFn. So the
 * process asks ({@link TeslaStreamControl#requestDrain}); each partition's flush DoFn, at its next element or timer
 * tick (at most {@link PartitionFlushFn#TICK_MS} away), writes everything it holds and commits the offsets; the
 * process waits until every partition reports nothing buffered and nothing owed (at most {@link #SHUTDOWN_FLUSH}),
 * then cancels the pipeline. Whatever is not written by then is not committed either and is read again at the next
 * start: never a loss.
 *
 * <p><b>Health</b>: consuming = the pipeline runs, the broker answered the last lag poll, and records arrive when
 * there is a lag; {@code lag_seconds} is the age of the oldest unflushed record, {@code kafka_lag_records} the end
 * offsets minus the group's committed offsets (polled every {@code lagInterval} with the Admin client).
 */
public final class TeslaIngestService implements AutoCloseable {
  /** spec: sources.md §1.6 — everything is flushed on shutdown, in at most 10 s. */
  public static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(TeslaIngestService.class);

  private final TeslaIngestConfig config;
  private final TeslaStreamControl control;
  private final PipelineResult result;
  private final Clock clock;
  private final String runner;
  private final Admin admin;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Long kafkaLag;
  private volatile Instant lastLagPoll;
  private volatile boolean finalFlushComplete;
  private HttpServer ops;

  private TeslaIngestService(TeslaIngestConfig config, TeslaStreamControl control, PipelineResult result,
      Clock clock, Duration lagInterval, String runner) {
    this.config = config;
    this.control = control;
    this.result = result;
    this.clock = clock;
    this.runner = runner;
    Properties p = config.clientProperties();
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    this.admin = Admin.create(p);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tesla-kafka-lag");
      t.setDaemon(true);
      return t;
    });
    IngestionMetrics m = control.metrics();
    m.gauge("buffered_envelopes", control::buffered);
    m.gauge("lag_seconds", this::lagSeconds);
    m.gauge("kafka_lag_records", () -> kafkaLag == null ? -1L : kafkaLag);
    scheduler.scheduleWithFixedDelay(this::pollLag, 0, lagInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Registers the control, builds the streaming pipeline on {@code options}' runner (the DirectRunner is told not
   * to block) and runs it.
   */
  public static TeslaIngestService start(TeslaIngestConfig config, PipelineOptions options, Clock clock,
      Duration lagInterval) {
    if (config.untilEndOffsets()) {
      throw new IllegalArgumentException("the service runs the stream; a bounded catch-up runs as a plain pipeline");
    }
    TeslaStreamControl control = TeslaStreamControl.register(config.writerId(), clock);
    try {
      if (options.getRunner().getSimpleName().equals("DirectRunner")) {
        options.as(DirectOptions.class).setBlockOnRun(false);
      }
      Pipeline p = TeslaIngestPipeline.create(config, options);
      TeslaIngestPipeline.build(p, config);
      PipelineResult result = p.run();
      LOG.info("event=tesla_stream_started topic={} bootstrap_servers={} runner={} writer_id={}", config.topic(),
          config.bootstrapServers(), options.getRunner().getSimpleName(), config.writerId());
      return new TeslaIngestService(config, control, result, clock, lagInterval,
          options.getRunner().getSimpleName());
    } catch (RuntimeException e) {
      control.unregister();
      throw e;
    }
  }

  public static TeslaIngestService start(TeslaIngestConfig config, PipelineOptions options) {
    return start(config, options, Clock.systemUTC(), Duration.ofSeconds(5));
  }

  /** Serves {@code /health} and {@code /metrics} on {@code host:port} (port 0: any free port). */
  public TeslaIngestService serveOps(String host, int port) throws IOException {
    ops = HttpServer.create(new InetSocketAddress(host, port), 16);
    OpsEndpoints.install(ops, control.metrics(), this::health);
    ops.start();
    LOG.info("event=ops_started source=tesla address={}", ops.getAddress());
    return this;
  }

  public int opsPort() {
    return ops.getAddress().getPort();
  }

  public IngestionMetrics metrics() {
    return control.metrics();
  }

  public TeslaStreamControl control() {
    return control;
  }

  public PipelineResult.State state() {
    return result.getState();
  }

  /** The last polled Kafka lag (records), or null before the first successful poll. */
  public Long kafkaLag() {
    return kafkaLag;
  }

  private void pollLag() {
    try {
      kafkaLag = TeslaIngestPipeline.backlog(admin, config.topic(), 15);
      lastLagPoll = clock.instant();
    } catch (Exception e) {
      LOG.warn("event=kafka_lag_poll_failed topic={} error=\"{}\"", config.topic(), e.toString());
    }
  }

  private double lagSeconds() {
    return control.oldestUnflushed().map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(0.0);
  }

  public Health health() {
    Instant now = clock.instant();
    boolean running = result.getState() == PipelineResult.State.RUNNING && !stopping.get();
    boolean brokerAnswers = lastLagPoll != null && Duration.between(lastLagPoll, now).toSeconds() < 60;
    Instant lastReceive = control.metrics().lastReceive();
    // a lag that nothing is read from for a minute: the stream is stuck
    boolean stalled = kafkaLag != null && kafkaLag > 0 && control.buffered() == 0
        && (lastReceive == null || Duration.between(lastReceive, now).toSeconds() > 60);
    double lag = lagSeconds();
    // a record older than the age rule plus the longest write backoff is not being flushed
    boolean flushFailing = lag > config.maxAge().toSeconds() + 90;
    return new Health("tesla", running && brokerAnswers && !stalled, lag, control.buffered(),
        control.metrics().lastFlush(), lastReceive, flushFailing, kafkaLag);
  }

  /**
   * SIGTERM (and any JVM exit) runs {@link #stop}: the final flush, then the pipeline is cancelled. On the SparkRunner
   * the hook goes through Hadoop's shutdown hook manager, ahead of Spark's own hooks (which stop the streaming
   * context at priority 40 there): a plain JVM hook would race them.
   */
  public TeslaIngestService closeOnShutdown() {
    Runnable hook = () -> stop(SHUTDOWN_FLUSH);
    if (runner.equals("SparkRunner")) {
      org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(hook, 100,
          SHUTDOWN_FLUSH.toSeconds() + 20, TimeUnit.SECONDS);
    } else {
      Runtime.getRuntime().addShutdownHook(new Thread(hook, "tesla-shutdown"));
    }
    return this;
  }

  /**
   * Waits until the pipeline ends: cancelled by {@link #stop} (returns normally), or failed (throws). The CLI's
   * main thread waits here.
   */
  public PipelineResult.State awaitTermination() throws InterruptedException {
    PipelineResult.State state;
    try {
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      if (stopping.get()) {
        stopped.await();
        return PipelineResult.State.CANCELLED;
      }
      throw e;
    }
    if (stopping.get()) {
      stopped.await();
    }
    return state;
  }

  /**
   * The final flush: asks the flush DoFns to write and commit everything, waits until they report it done (at most
   * {@code timeout}), then cancels the pipeline and stops the endpoints. Idempotent; returns whether everything
   * buffered was written and committed.
   */
  public boolean stop(Duration timeout) {
    if (!stopping.compareAndSet(false, true)) {
      try {
        stopped.await(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return finalFlushComplete;
    }
    long t0 = System.nanoTime();
    LOG.info("event=shutdown source=tesla buffered={} in_flight={}", control.buffered(), control.inFlight());
    control.requestDrain();
    long deadline = t0 + timeout.toNanos();
    boolean complete = false;
    try {
      // two consecutive drained() readings: a record can sit between the decoder's hand-over and the report
      int quiet = 0;
      while (System.nanoTime() < deadline && result.getState() == PipelineResult.State.RUNNING) {
        quiet = control.drained() ? quiet + 1 : 0;
        if (quiet >= 2) {
          complete = true;
          break;
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finalFlushComplete = complete;
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      LOG.warn("event=pipeline_cancel_failed error=\"{}\"", e.toString());
    }
    scheduler.shutdownNow();
    admin.close(Duration.ofSeconds(2));
    ConsumerPool.closeIdle(config.bootstrapServers());
    if (ops != null) {
      ops.stop(0);
    }
    control.unregister();
    LOG.info("event=stopped source=tesla final_flush_complete={} buffered_left={} shutdown_ms={}", complete,
        control.buffered(), (System.nanoTime() - t0) / 1_000_000);
    stopped.countDown();
    return complete;
  }

  @Override
  public void close() {
    stop(SHUTDOWN_FLUSH);
  }
}
