package com.evalue.ingestion.bmw;

import com.codahale.metrics.Timer;
import com.evalue.ingestion.buffer.TempObjectWriter;
import com.evalue.ingestion.http.JsonHttp;
import com.evalue.ingestion.ops.Health;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.ingestion.ops.OpsEndpoints;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BMW push receiver {@code POST /bmw/api/push} (spec: sources.md §4.1, §1.7). The key header is compared in
 * constant time; a body over 10 MB or malformed JSON is a 400; the request's envelopes are written synchronously,
 * one temp object per VIN and data date, and only then is 200 {@code {"received": n}} sent; a storage failure is a
 * 503 so that BMW retries (a retry may duplicate, never lose). {@code /health} and {@code /metrics} share the port.
 */
public final class BmwPushReceiver implements AutoCloseable {
  public static final String PATH = "/bmw/api/push";
  public static final String KEY_HEADER = "x-push-payload-key";
  public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  static final long MAX_DRAIN_BYTES = 100L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(BmwPushReceiver.class);
  private static final String UNAUTHORIZED = "{\"code\":401,\"message\":\"api-key missing\"}";
  private static final String INVALID = "{\"code\":400,\"message\":\"invalid body\"}";
  private static final String UNAVAILABLE = "{\"code\":503,\"message\":\"storage unavailable, retry later\"}";

  private final byte[] secret;
  private final TempObjectWriter writer;
  private final Clock clock;
  private final IngestionMetrics metrics;
  private final HttpServer server;
  private final ExecutorService workers;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean storageFailing;

  private BmwPushReceiver(String secret, TempObjectWriter writer, Clock clock, IngestionMetrics metrics,
      HttpServer server, int threads) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.writer = writer;
    this.clock = clock;
    this.metrics = metrics;
    this.server = server;
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bmw-push");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
    server.createContext(PATH, this::handle);
    OpsEndpoints.install(server, metrics, this::health);
  }

  /** Starts listening on {@code host:port} (port 0 picks a free one). */
  public static BmwPushReceiver start(String host, int port, String secret, TempObjectWriter writer, Clock clock,
      IngestionMetrics metrics) throws IOException {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the push secret is empty");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
    BmwPushReceiver receiver = new BmwPushReceiver(secret, writer, clock, metrics, server, 16);
    server.start();
    LOG.info("event=push_receiver_started address={}", server.getAddress());
    return receiver;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public Health health() {
    return new Health(metrics.source(), true, 0, 0, metrics.lastFlush(), metrics.lastReceive(), storageFailing);
  }

  private void handle(HttpExchange ex) throws IOException {
    inFlight.incrementAndGet();
    try (ex) {
      receive(ex);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void receive(HttpExchange ex) throws IOException {
    {
      if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST");
        OpsEndpoints.send(ex, 405, "application/json", "{\"code\":405,\"message\":\"method not allowed\"}");
        return;
      }
      if (!keyMatches(ex.getRequestHeaders().getFirst(KEY_HEADER))) {
        LOG.warn("event=push_unauthorized remote={}", ex.getRemoteAddress().getAddress().getHostAddress());
        OpsEndpoints.send(ex, 401, "application/json", UNAUTHORIZED);
        return;
      }
      byte[] body = readLimited(ex);
      if (body == null) {
        LOG.warn("event=push_rejected reason=\"body over {} bytes\"", MAX_BODY_BYTES);
        OpsEndpoints.send(ex, 400, "application/json", INVALID);
        return;
      }
      JsonNode root;
      try {
        root = JsonHttp.parse(body);
      } catch (IOException e) {
        root = null;
      }
      if (root == null || !root.isObject() || !root.path("vehiclePushKeyValues").isArray()) {
        LOG.warn("event=push_rejected reason=\"malformed body\" bytes={}", body.length);
        OpsEndpoints.send(ex, 400, "application/json", INVALID);
        return;
      }
      int elements = root.get("vehiclePushKeyValues").size();
      Instant receivedAt = clock.instant();
      String sourceId = "push:bmw:" + writer.writerId() + ":" + receivedAt.toEpochMilli() + ":"
          + requests.incrementAndGet();
      try {
        store(body, Transport.of(receivedAt, sourceId), elements);
      } catch (RuntimeException e) {
        storageFailing = true;
        metrics.flushFailures.inc();
        LOG.error("event=push_storage_failed source={} error=\"{}\"", sourceId, e.getMessage());
        OpsEndpoints.send(ex, 503, "application/json", UNAVAILABLE);
        return;
      }
      storageFailing = false;
      OpsEndpoints.send(ex, 200, "application/json", "{\"received\":" + elements + "}");
    }
  }

  /** spec: sources.md §1.7 — synchronous, durable write before the 2xx. */
  private void store(byte[] body, Transport transport, int elements) {
    metrics.recordsIn.inc(elements);
    metrics.received();
    List<Envelope> accepted = new ArrayList<>();
    List<DeadLetter> rejected = new ArrayList<>();
    for (Extracted x : EnvelopeExtractor.extract(Make.BMW, PayloadFormat.BMW_PUSH_JSON, body, transport)) {
      if (x instanceof Extracted.Accepted a) {
        accepted.add(a.envelope());
      } else if (x instanceof Extracted.Rejected r) {
        LOG.info("event=rejected make=bmw vin={} source={} reason=\"{}\"", r.vin(), transport.sourceId(),
            r.reason());
        rejected.add(DeadLetter.at("ingestion", Make.BMW.code(), r.vin() == null ? "" : r.vin(),
            transport.sourceId(), r.reason(), r.original(), transport.receivedAt()));
      }
    }
    try (Timer.Context ignored = metrics.flushLatency.time()) {
      List<String> paths = writer.writeAll(accepted);
      metrics.tempObjectsWritten.inc(paths.size());
      metrics.envelopesWritten.inc(accepted.size());
      writer.writeDeadLetters(Make.BMW.code(), rejected);
      metrics.deadLetters.inc(rejected.size());
      metrics.flushed();
    }
  }

  /** Constant-time comparison (sources.md §4.1.1); a missing header never matches. */
  private boolean keyMatches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret);
  }

  /**
   * The body, or null when it is larger than {@link #MAX_BODY_BYTES}. An oversized body is read to its end and
   * discarded (up to {@link #MAX_DRAIN_BYTES}) so that the sender receives the 400 rather than a reset connection.
   */
  private static byte[] readLimited(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length <= MAX_BODY_BYTES) {
        return body;
      }
      long drained = 0;
      byte[] sink = new byte[1 << 16];
      for (int n = in.read(sink); n >= 0 && drained < MAX_DRAIN_BYTES; n = in.read(sink)) {
        drained += n;
      }
      return null;
    }
  }

  @Override
  public void close() {
    // let requests in progress finish their write and answer (at most 10 s), then stop
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("event=push_receiver_stopped");
  }
}
