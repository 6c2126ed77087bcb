package com.evalue.ingestion.highmobility;

import com.evalue.ingestion.http.JsonHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The OAuth2 client-credentials token of High Mobility (spec: sources.md §3.1.1): reused until 60 s before it
 * expires; {@link #invalidate} after a 401 makes the next call fetch a new one.
 */
final class HmAccessToken {
  static final Duration EARLY_RENEWAL = Duration.ofSeconds(60);

  private final HmConfig config;
  private final HttpClient http;
  private final Clock clock;
  private String token;
  private Instant expiresAt = Instant.MIN;

  HmAccessToken(HmConfig config, HttpClient http, Clock clock) {
    this.config = config;
    this.http = http;
    this.clock = clock;
  }

  synchronized String get() throws IOException, InterruptedException {
    if (token != null && clock.instant().isBefore(expiresAt.minus(EARLY_RENEWAL))) {
      return token;
    }
    byte[] body = JsonHttp.json(Map.of("grant_type", "client_credentials", "client_id", config.clientId(),
        "client_secret", config.clientSecret()));
    HttpRequest request = HttpRequest.newBuilder(config.resolve("/v1/access_tokens"))
        .timeout(config.requestTimeout()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("token request answered " + response.statusCode() + ": "
          + JsonHttp.firstError(response.body()));
    }
    JsonNode n = JsonHttp.parse(response.body());
    String t = n.path("access_token").asText("");
    if (t.isEmpty()) {
      throw new IOException("token response has no access_token");
    }
    token = t;
    expiresAt = clock.instant().plusSeconds(n.path("expires_in").asLong(3600));
    return token;
  }

  /** Forgets {@code rejected} (a 401 answered it), unless another thread already renewed. */
  synchronized void invalidate(String rejected) {
    if (rejected.equals(token)) {
      token = null;
    }
  }
}
