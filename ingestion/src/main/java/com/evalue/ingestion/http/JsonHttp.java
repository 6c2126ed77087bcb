package com.evalue.ingestion.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Small helpers of the OEM clients: JSON bodies, error bodies, Retry-After. */
public final class JsonHttp {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonHttp() {}

  public static JsonNode parse(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  public static byte[] json(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short, loggable text of a body (errors are small; a big body is cut). */
  public static String excerpt(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /** The first {@code errors[].title} and {@code detail} of a High Mobility error body, or the excerpt. */
  public static String firstError(byte[] body) {
    try {
      JsonNode e = parse(body).path("errors").path(0);
      if (e.isObject()) {
        return e.path("title").asText("") + ": " + e.path("detail").asText("");
      }
    } catch (IOException ignored) {
      // not JSON: log what came
    }
    return excerpt(body);
  }

  /** Retry-After as delta seconds or an HTTP date. */
  public static Optional<Duration> retryAfter(HttpResponse<?> response, Clock clock) {
    Optional<String> v = response.headers().firstValue("Retry-After");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
    } catch (NumberFormatException e) {
      try {
        Instant at = DateTimeFormatter.RFC_1123_DATE_TIME.parse(s, Instant::from);
        Duration d = Duration.between(clock.instant(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException ex) {
        return Optional.empty();
      }
    }
  }
}
