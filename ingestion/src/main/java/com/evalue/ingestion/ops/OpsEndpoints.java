package com.evalue.ingestion.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** {@code GET /health} (JSON, 200 or 503) and {@code GET /metrics} (Prometheus text) on a JDK HTTP server. */
public final class OpsEndpoints {
  private OpsEndpoints() {}

  public static void install(HttpServer server, IngestionMetrics metrics, Supplier<Health> health) {
    server.createContext("/metrics", ex -> {
      try (ex) {
        send(ex, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(metrics));
      }
    });
    server.createContext("/health", ex -> {
      try (ex) {
        Health h = health.get();
        send(ex, h.healthy() ? 200 : 503, "application/json", h.toJson());
      }
    });
  }

  public static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
