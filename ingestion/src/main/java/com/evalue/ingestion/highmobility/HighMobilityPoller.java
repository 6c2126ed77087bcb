package com.evalue.ingestion.highmobility;

import com.evalue.ingestion.PolledRecords;
import com.evalue.ingestion.Poller;
import com.evalue.ingestion.http.Bodies;
import com.evalue.ingestion.http.JsonHttp;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.model.Vin;
import com.evalue.transforms.source.Transport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * High Mobility Auto API v13 poller (spec: sources.md §3.1): token, clearance list (approved vehicles only,
 * refreshed every 120 min), one request per approved VIN per brand period with at most 8 in flight, one extra
 * period after a 429 or 5xx, and Redis change detection through {@link PolledRecords}.
 */
public final class HighMobilityPoller implements Poller {
  private static final Logger LOG = LoggerFactory.getLogger(HighMobilityPoller.class);

  private final HmConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final PolledRecords records;
  private final IngestionMetrics metrics;
  private final HmAccessToken token;
  private final ExecutorService requests;
  private final Map<String, Scheduled> vehicles = new LinkedHashMap<>();
  private Instant nextClearance = Instant.MIN;
  private volatile boolean consuming;

  /** An approved VIN and when it is polled next. */
  private static final class Scheduled {
    final Make make;
    volatile Instant next;

    Scheduled(Make make, Instant next) {
      this.make = make;
      this.next = next;
    }
  }

  public HighMobilityPoller(HmConfig config, HttpClient http, Clock clock, PolledRecords records,
      IngestionMetrics metrics) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.records = records;
    this.metrics = metrics;
    this.token = new HmAccessToken(config, http, clock);
    this.requests = Executors.newFixedThreadPool(config.maxConcurrent(), r -> {
      Thread t = new Thread(r, "hm-poll");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public synchronized int pollOnce() {
    Instant now = clock.instant();
    if (!now.isBefore(nextClearance)) {
      refreshClearance(now);
    }
    List<String> due = new ArrayList<>();
    vehicles.forEach((vin, s) -> {
      if (!now.isBefore(s.next)) {
        due.add(vin);
      }
    });
    List<Future<?>> inFlight = new ArrayList<>();
    for (String vin : due) {
      Scheduled s = vehicles.get(vin);
      inFlight.add(requests.submit(() -> poll(vin, s, now)));
    }
    for (Future<?> f : inFlight) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        LOG.error("event=poll_failed error=\"{}\"", String.valueOf(e.getCause()));
      }
    }
    return due.size();
  }

  /** The approved VINs currently polled, with their make. */
  public synchronized Map<String, Make> approved() {
    Map<String, Make> out = new LinkedHashMap<>();
    vehicles.forEach((vin, s) -> out.put(vin, s.make));
    return out;
  }

  @Override
  public boolean consuming() {
    return consuming;
  }

  private void refreshClearance(Instant now) {
    try {
      HttpResponse<byte[]> r = authorized(config.resolve("/v1/fleets/vehicles"));
      if (r.statusCode() != 200) {
        throw new IOException("clearance list answered " + r.statusCode() + ": " + JsonHttp.firstError(r.body()));
      }
      JsonNode list = JsonHttp.parse(r.body());
      Map<String, Scheduled> fresh = new LinkedHashMap<>();
      for (JsonNode v : list) {
        if (!"approved".equalsIgnoreCase(v.path("status").asText())) {
          continue;
        }
        Optional<String> normalised = Vin.normalize(v.path("vin").asText(""));
        if (normalised.isEmpty()) {
          LOG.warn("event=clearance_invalid_vin reason=\"{}\"", Vin.whyInvalid(v.path("vin").asText(null)));
          continue;
        }
        String vin = normalised.get();
        Optional<Make> make = Make.fromBrand(v.path("brand").asText(null)).filter(Make::isHighMobility);
        if (make.isEmpty()) {
          LOG.warn("event=clearance_unknown_brand vin={} brand={}", vin, v.path("brand").asText());
          continue;
        }
        Scheduled old = vehicles.get(vin);
        fresh.put(vin, old != null && old.make == make.get() ? old : new Scheduled(make.get(), now));
      }
      vehicles.clear();
      vehicles.putAll(fresh);
      nextClearance = now.plus(config.clearanceRefresh());
      consuming = true;
      LOG.info("event=clearance_refreshed approved={}", fresh.size());
    } catch (IOException e) {
      consuming = false;
      metrics.oemFailures.inc();
      // keep polling the previous list; try the clearance list again in a minute
      nextClearance = now.plus(Duration.ofMinutes(1));
      LOG.warn("event=clearance_failed error=\"{}\"", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void poll(String vin, Scheduled s, Instant roundStart) {
    Duration period = config.period(s.make);
    s.next = roundStart.plus(period);
    HttpResponse<byte[]> r;
    Instant receivedAt;
    try {
      r = authorized(config.resolve("/v1/vehicle-data/autoapi-13/" + vin));
      receivedAt = clock.instant();
    } catch (HttpTimeoutException e) {
      metrics.oemFailures.inc();
      LOG.warn("event=poll_timeout make={} vin={} timeout_ms={}", s.make.code(), vin,
          config.requestTimeout().toMillis());
      return;
    } catch (IOException e) {
      metrics.oemFailures.inc();
      LOG.warn("event=poll_io_error make={} vin={} error=\"{}\"", s.make.code(), vin, e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    int status = r.statusCode();
    if (status == 200) {
      consuming = true;
      String sourceId = "poll:hm:" + vin + ":" + receivedAt.toEpochMilli();
      // the VIN of the URL is the transport key: a response about another vehicle is a dead letter (§1.2)
      records.store(s.make, PayloadFormat.HM_V13_JSON, r.body(),
          new Transport(receivedAt, sourceId, vin, Map.of(), null));
      return;
    }
    metrics.oemFailures.inc();
    if (status == 429 || status >= 500) {
      // spec: sources.md §3.1.3 — the next poll of this VIN waits one extra period (or longer if told so)
      Duration wait = period.multipliedBy(2);
      Optional<Duration> retryAfter = JsonHttp.retryAfter(r, clock);
      if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
        wait = retryAfter.get();
      }
      s.next = roundStart.plus(wait);
    }
    LOG.warn("event=poll_error make={} vin={} status={} error=\"{}\" next_poll={}", s.make.code(), vin, status,
        JsonHttp.firstError(r.body()), s.next);
  }

  /** GET with the bearer token; a 401 renews the token once and repeats the request. */
  private HttpResponse<byte[]> authorized(URI uri) throws IOException, InterruptedException {
    String t = token.get();
    HttpResponse<byte[]> r = get(uri, t);
    if (r.statusCode() == 401) {
      token.invalidate(t);
      LOG.info("event=token_rejected uri={} action=renew", uri.getPath());
      r = get(uri, token.get());
    }
    return r;
  }

  private HttpResponse<byte[]> get(URI uri, String bearer) throws IOException, InterruptedException {
    metrics.oemRequests.inc();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
        .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").GET().build();
    return Bodies.send(http, request, config.requestTimeout());
  }

  @Override
  public void close() {
    requests.shutdownNow();
    try {
      // results of requests still in flight must reach the buffer before its final flush
      requests.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
