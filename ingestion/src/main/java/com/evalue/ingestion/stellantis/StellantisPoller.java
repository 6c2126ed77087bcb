package com.evalue.ingestion.stellantis;

import com.evalue.ingestion.PolledRecords;
import com.evalue.ingestion.Poller;
import com.evalue.ingestion.http.IdleTimeout;
import com.evalue.ingestion.http.JsonHttp;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.io.files.NativeMessageReader;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.Transport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mobilisights / Stellantis poller (spec: sources.md §5): log in, read each fleet's car-states export every 36 s
 * (at most 8 exports in flight), parsing the streamed JSON array element by element, never holding the whole
 * body. What was fully received before a broken or truncated body is kept; the rest is not invented. Elements
 * whose VIN has {@code X} as 8th character are rejected by the extractor and end as counted dead letters.
 */
public final class StellantisPoller implements Poller {
  private static final Logger LOG = LoggerFactory.getLogger(StellantisPoller.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final StellantisConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final PolledRecords records;
  private final IngestionMetrics metrics;
  private final ExecutorService exports;
  private final Map<String, Instant> nextExport = new LinkedHashMap<>();
  private final AtomicLong exportSeq = new AtomicLong();
  private final Object tokenLock = new Object();
  private String token;
  private volatile boolean consuming;

  public StellantisPoller(StellantisConfig config, HttpClient http, Clock clock, PolledRecords records,
      IngestionMetrics metrics) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.records = records;
    this.metrics = metrics;
    config.fleetIds().forEach(f -> nextExport.put(f, Instant.MIN));
    this.exports = Executors.newFixedThreadPool(config.maxConcurrent(), r -> {
      Thread t = new Thread(r, "stellantis-export");
      t.setDaemon(true);
      return t;
    });
  }

  /** What one export gave. */
  public record ExportResult(int status, long elements, boolean complete) {}

  @Override
  public synchronized int pollOnce() {
    Instant now = clock.instant();
    List<Future<ExportResult>> inFlight = new ArrayList<>();
    for (Map.Entry<String, Instant> e : nextExport.entrySet()) {
      if (!now.isBefore(e.getValue())) {
        e.setValue(now.plus(config.period()));
        String fleet = e.getKey();
        inFlight.add(exports.submit(() -> export(fleet)));
      }
    }
    for (Future<ExportResult> f : inFlight) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        LOG.error("event=export_failed error=\"{}\"", String.valueOf(e.getCause()));
      }
    }
    return inFlight.size();
  }

  @Override
  public boolean consuming() {
    return consuming;
  }

  /** One fleet export, streamed; a 401 logs in again and repeats it once. */
  ExportResult export(String fleetId) throws InterruptedException {
    try {
      String bearer = token();
      HttpResponse<InputStream> r = send(fleetId, bearer);
      if (r.statusCode() == 401) {
        r.body().close();
        invalidate(bearer);
        LOG.info("event=token_rejected fleet={} action=login", fleetId);
        r = send(fleetId, token());
      }
      if (r.statusCode() != 200) {
        metrics.oemFailures.inc();
        byte[] body;
        try (IdleTimeout guard = IdleTimeout.start(config.requestTimeout()); InputStream in = guard.watch(r.body())) {
          body = in.readNBytes(MAX_ERROR_BODY);
        }
        LOG.warn("event=export_error fleet={} status={} error=\"{}\"", fleetId, r.statusCode(), providerError(body));
        return new ExportResult(r.statusCode(), 0, false);
      }
      consuming = true;
      return readExport(fleetId, r.body());
    } catch (IOException e) {
      metrics.oemFailures.inc();
      LOG.warn("event=export_io_error fleet={} error=\"{}\"", fleetId, e.getMessage());
      return new ExportResult(-1, 0, false);
    }
  }

  private ExportResult readExport(String fleetId, InputStream body) {
    long exportNo = exportSeq.incrementAndGet();
    Instant started = clock.instant();
    String exportId = "poll:stellantis:" + fleetId + ":" + started.toEpochMilli() + ":" + exportNo;
    long[] count = {0};
    boolean[] complete = {true};
    try (IdleTimeout guard = IdleTimeout.start(config.requestTimeout()); InputStream in = guard.watch(body)) {
      NativeMessageReader.read("car-states.json", in, new NativeMessageReader.Sink() {
        @Override
        public void message(long index, byte[] bytes) {
          count[0]++;
          Instant receivedAt = clock.instant();
          String sourceId = exportId + ":" + String.format("%08d", index);
          Transport transport = Transport.of(receivedAt, sourceId);
          String error = errorElement(bytes);
          if (error != null) {
            // spec: sources.md §5.2 — {name, message} elements are logged (and kept as dead letters)
            metrics.recordsIn.inc();
            LOG.warn("event=export_error_element fleet={} error=\"{}\"", fleetId, error);
            records.reject(Make.STELLANTIS, null, sourceId, "provider error element: " + error, bytes, transport);
            return;
          }
          records.store(Make.STELLANTIS, PayloadFormat.STELLANTIS_CARSTATE_JSON, bytes, transport);
        }

        @Override
        public void broken(long index, byte[] rest, String reason) {
          complete[0] = false;
          truncated(fleetId, exportId, index, rest, reason);
        }
      });
    } catch (IOException e) {
      // the connection broke mid-body: keep what was fully received, invent nothing
      complete[0] = false;
      truncated(fleetId, exportId, count[0], new byte[0], "export body ended early: " + e.getMessage());
    }
    LOG.info("event=export_read fleet={} elements={} complete={}", fleetId, count[0], complete[0]);
    return new ExportResult(200, count[0], complete[0]);
  }

  private void truncated(String fleetId, String exportId, long index, byte[] rest, String reason) {
    metrics.oemFailures.inc();
    LOG.warn("event=export_truncated fleet={} elements_kept={} reason=\"{}\"", fleetId, index, reason);
    records.reject(Make.STELLANTIS, null, exportId + ":" + String.format("%08d", index),
        "truncated export: " + reason, rest, Transport.of(clock.instant(), exportId));
  }

  /** {@code name: message} of an error element, or null for a car state. */
  private static String errorElement(byte[] element) {
    try {
      JsonNode n = JsonHttp.parse(element);
      if (n.isObject() && !n.has("vin") && n.has("name") && n.has("message")) {
        return n.path("name").asText() + ": " + n.path("message").asText();
      }
    } catch (IOException e) {
      return null; // the extractor rejects it with its reason
    }
    return null;
  }

  private static String providerError(byte[] body) {
    try {
      JsonNode n = JsonHttp.parse(body);
      if (n.isArray() && n.size() > 0) {
        n = n.get(0);
      }
      if (n.has("name") || n.has("message")) {
        return n.path("name").asText() + ": " + n.path("message").asText();
      }
    } catch (IOException ignored) {
      // not JSON
    }
    return JsonHttp.excerpt(body);
  }

  private HttpResponse<InputStream> send(String fleetId, String bearer) throws IOException, InterruptedException {
    metrics.oemRequests.inc();
    HttpRequest request = HttpRequest.newBuilder(config.export(fleetId)).timeout(config.requestTimeout())
        .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private String token() throws IOException, InterruptedException {
    synchronized (tokenLock) {
      return token != null ? token : login();
    }
  }

  private String login() throws IOException, InterruptedException {
    metrics.oemRequests.inc();
    HttpRequest request = HttpRequest.newBuilder(config.login()).timeout(config.requestTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(config.credentialBody())).build();
    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() / 100 != 2) {
      consuming = false;
      throw new IOException("login answered " + r.statusCode() + ": " + providerError(r.body()));
    }
    String t = JsonHttp.parse(r.body()).path(config.tokenMember()).asText("");
    if (t.isEmpty()) {
      throw new IOException("login response has no member '" + config.tokenMember() + "'");
    }
    token = t;
    return t;
  }

  private void invalidate(String rejected) {
    synchronized (tokenLock) {
      if (rejected.equals(token)) {
        token = null;
      }
    }
  }

  @Override
  public void close() {
    exports.shutdownNow();
    try {
      // results of requests still in flight must reach the buffer before its final flush
      exports.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
