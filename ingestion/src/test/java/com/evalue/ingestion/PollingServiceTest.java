package com.evalue.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.highmobility.HighMobilityPoller;
import com.evalue.ingestion.highmobility.HmConfig;
import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.FakeServer;
import com.evalue.ingestion.support.HmServiceMain;
import com.evalue.ingestion.support.MutableClock;
import com.evalue.ingestion.support.SimulatedFleet;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Make;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running polling process: scheduler, /health, /metrics, and the final flush on close and on SIGTERM. */
class PollingServiceTest {
  @TempDir Path dir;
  final FakeServer hm = new FakeServer();
  Map<String, List<String>> responses;

  @BeforeEach
  void start() {
    responses = SimulatedFleet.hmResponses(Make.RENAULT);
    StringBuilder clearance = new StringBuilder("[");
    responses.keySet().forEach(vin -> clearance.append(clearance.length() > 1 ? "," : "")
        .append("{\"vin\":\"").append(vin).append("\",\"brand\":\"renault\",\"status\":\"approved\"}"));
    String list = clearance.append("]").toString();
    hm.handle("/v1/access_tokens", ex -> FakeServer.json(ex, 200,
        "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":3600}"));
    hm.handle("/v1/fleets/vehicles", ex -> FakeServer.json(ex, 200, list));
    hm.handle("/v1/vehicle-data/autoapi-13/", ex -> {
      String path = ex.getRequestURI().getPath();
      FakeServer.json(ex, 200, responses.get(path.substring(path.lastIndexOf('/') + 1)).get(0));
    });
  }

  @AfterEach
  void stop() {
    hm.close();
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void runsOnItsSchedulerReportsHealthAndMetricsAndFlushesEverythingOnClose() throws Exception {
    Warehouse warehouse = Warehouse.at(dir.toString());
    MutableClock clock = new MutableClock(Instant.parse("2025-06-03T08:00:00Z")); // frozen: no 30 s flush
    HmConfig config = HmConfig.defaults(hm.url(), "client-1", "secret-1");
    PollingService service = PollingService.create("high-mobility", warehouse, clock, null, Duration.ofMillis(500),
        parts -> new HighMobilityPoller(config, HttpClient.newHttpClient(), parts.clock(), parts.records(),
            parts.metrics()));
    service.serveOps("127.0.0.1", 0).start(Duration.ofMillis(20));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (service.buffer().buffered() < responses.size() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(responses.size(), service.buffer().buffered());
    clock.advance(Duration.ofSeconds(12));

    HttpResponse<String> health = get(service.opsPort(), "/health");
    assertEquals(200, health.statusCode());
    JsonNode h = SimulatedFleet.tree(health.body());
    assertEquals("ok", h.path("status").asText());
    assertTrue(h.path("consuming").asBoolean());
    assertEquals(12.0, h.path("lag_seconds").asDouble(), "age of the oldest unflushed envelope");
    assertEquals(responses.size(), h.path("buffered_envelopes").asInt());
    assertTrue(h.path("last_flush").isNull());

    String metrics = get(service.opsPort(), "/metrics").body();
    assertTrue(metrics.contains("evalue_ingestion_records_in_total{source=\"high-mobility\"} " + responses.size()
        + "\n"), metrics);
    assertTrue(metrics.contains("evalue_ingestion_buffered_envelopes{source=\"high-mobility\"} "
        + responses.size() + ".0\n"), metrics);
    assertTrue(metrics.contains("evalue_ingestion_lag_seconds{source=\"high-mobility\"} 12.0\n"), metrics);

    service.close(); // the SIGTERM path
    assertEquals(0, service.buffer().buffered());
    assertEquals(responses.size(), Archive.envelopes(warehouse).size());
  }

  @Test
  void sigtermFlushesTheBufferBeforeTheProcessExits() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HmServiceMain.class.getName(), hm.url().toString(), dir.toString(), String.valueOf(responses.size()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("READY"), String.valueOf(line));
      assertEquals(List.of(), Warehouse.at(dir.toString()).list("temp/**"), "nothing flushed yet (30 s rule)");
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    } finally {
      p.destroyForcibly();
    }
    List<String> vins = Archive.envelopes(Warehouse.at(dir.toString())).stream().map(e -> e.vin()).distinct()
        .sorted().toList();
    assertEquals(responses.keySet().stream().sorted().toList(), vins, "every polled vehicle was flushed");
  }
}
