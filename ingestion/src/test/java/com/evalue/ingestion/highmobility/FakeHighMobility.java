package com.evalue.ingestion.highmobility;

import com.evalue.ingestion.support.FakeServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A High Mobility server on loopback speaking sources.md §3: {@code POST /v1/access_tokens},
 * {@code GET /v1/fleets/vehicles}, {@code GET /v1/vehicle-data/autoapi-13/{vin}} with Bearer tokens, error bodies
 * {@code {"errors":[{title,detail}]}}, and scripted failures (401 after token expiry, 429 with Retry-After, 500,
 * slow answers).
 */
final class FakeHighMobility implements AutoCloseable {
  /** A scripted answer; {@code delayMs} delays it (slower than the client's timeout in tests). */
  record Reply(int status, String body, Map<String, String> headers, long delayMs) {}

  final FakeServer server = new FakeServer();
  final AtomicInteger tokensIssued = new AtomicInteger();
  final AtomicInteger clearanceReads = new AtomicInteger();
  final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final Map<String, String> current = new ConcurrentHashMap<>();
  final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  volatile String clearance = "[]";
  volatile long expiresIn = 3600;
  volatile long dataDelayMs;

  FakeHighMobility() {
    server.handle("/v1/access_tokens", this::token);
    server.handle("/v1/fleets/vehicles", ex -> {
      if (!authorized(ex)) {
        return;
      }
      clearanceReads.incrementAndGet();
      FakeServer.json(ex, 200, clearance);
    });
    server.handle("/v1/vehicle-data/autoapi-13/", this::vehicleData);
  }

  URI url() {
    return server.url();
  }

  void clearance(List<String[]> vinBrandStatus) {
    StringBuilder sb = new StringBuilder("[");
    for (String[] v : vinBrandStatus) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append("{\"vin\":\"").append(v[0]).append("\",\"brand\":\"").append(v[1]).append("\",\"status\":\"")
          .append(v[2]).append("\"}");
    }
    clearance = sb.append(']').toString();
  }

  void serve(String vin, String body) {
    current.put(vin, body);
  }

  void script(String vin, Reply reply) {
    scripted.computeIfAbsent(vin, k -> new ArrayDeque<>()).addLast(reply);
  }

  /** Every token issued so far stops working (401 on the next request). */
  void expireTokens() {
    validTokens.clear();
  }

  int hits(String vin) {
    AtomicInteger n = hits.get(vin);
    return n == null ? 0 : n.get();
  }

  private void token(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!body.contains("\"client_credentials\"") || !body.contains("\"client-1\"")) {
      FakeServer.json(ex, 400, "{\"errors\":[{\"title\":\"invalid_request\",\"detail\":\"bad grant\"}]}");
      return;
    }
    String token = "token-" + tokensIssued.incrementAndGet();
    validTokens.add(token);
    FakeServer.json(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
        + expiresIn + "}");
  }

  private boolean authorized(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
      FakeServer.json(ex, 401, "{\"errors\":[{\"title\":\"Unauthorized\",\"detail\":\"access token expired\"}]}");
      return false;
    }
    return true;
  }

  private void vehicleData(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String vin = path.substring(path.lastIndexOf('/') + 1);
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      if (!authorized(ex)) {
        return;
      }
      hits.computeIfAbsent(vin, k -> new AtomicInteger()).incrementAndGet();
      Deque<Reply> queue = scripted.get(vin);
      Reply r = queue == null ? null : queue.pollFirst();
      if (r == null) {
        String body = current.get(vin);
        r = body == null
            ? new Reply(404, "{\"errors\":[{\"title\":\"Not found\",\"detail\":\"no data for " + vin + "\"}]}",
                Map.of(), 0)
            : new Reply(200, body, Map.of(), dataDelayMs);
      }
      if (r.delayMs() > 0) {
        try {
          Thread.sleep(r.delayMs());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
      FakeServer.json(ex, r.status(), r.body());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
