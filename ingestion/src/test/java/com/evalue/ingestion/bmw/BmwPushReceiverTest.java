package com.evalue.ingestion.bmw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.buffer.TempObjectWriter;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.MutableClock;
import com.evalue.ingestion.support.SimulatedFleet;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.PayloadFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BMW push receiver over real HTTP on loopback (spec: sources.md §4.1, §1.7). */
class BmwPushReceiverTest {
  static final String SECRET = "push-secret-0123456789";
  static final String VIN = "WBY8P210X07K12345";

  @TempDir Path dir;
  Warehouse warehouse;
  final MutableClock clock = new MutableClock(Instant.parse("2025-06-14T09:15:30Z"));
  IngestionMetrics metrics;
  BmwPushReceiver receiver;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    warehouse = Warehouse.at(dir.toString());
    metrics = new IngestionMetrics("bmw-push", clock);
    receiver = BmwPushReceiver.start("127.0.0.1", 0, SECRET, new TempObjectWriter(warehouse, "push-test"), clock,
        metrics);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  HttpResponse<String> post(String key, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port()
        + BmwPushReceiver.PATH)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    if (key != null) {
      b.header(BmwPushReceiver.KEY_HEADER, key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String key, String body) throws Exception {
    return post(key, body.getBytes(StandardCharsets.UTF_8));
  }

  static String element(String vin, String date) {
    return "{\"vin\":\"" + vin + "\",\"received_date\":\"" + date + "T09:15:00Z\",\"pushKeyValues\":["
        + "{\"key\":\"soc_hv_header\",\"value\":\"58.0\",\"unit\":\"%\",\"info\":null,\"date_of_value\":\"" + date
        + "T09:14:37Z\"},{\"key\":\"mileage\",\"value\":\"21877\",\"unit\":\"km\",\"date_of_value\":\"" + date
        + "T09:14:37+02:00\"}]}";
  }

  @Test
  void aMissingOrWrongKeyIs401AndStoresNothing() throws Exception {
    String body = "{\"vehiclePushKeyValues\":[" + element(VIN, "2025-06-14") + "]}";
    for (String key : Arrays.asList(null, "", "push-secret-0123456788", SECRET + "x", "wrong")) {
      HttpResponse<String> r = post(key, body);
      assertEquals(401, r.statusCode(), "key " + key);
      assertEquals("{\"code\":401,\"message\":\"api-key missing\"}", r.body());
    }
    assertEquals(List.of(), warehouse.list("**"));
  }

  @Test
  void malformedJsonOrABodyOverTenMegabytesIs400() throws Exception {
    for (String bad : List.of("{\"vehiclePushKeyValues\":[", "not json", "[]", "{\"other\":1}")) {
      HttpResponse<String> r = post(SECRET, bad);
      assertEquals(400, r.statusCode(), bad);
      assertEquals("{\"code\":400,\"message\":\"invalid body\"}", r.body());
    }
    String valid = "{\"vehiclePushKeyValues\":[" + element(VIN, "2025-06-14") + "]}";
    byte[] big = new byte[BmwPushReceiver.MAX_BODY_BYTES + 1];
    Arrays.fill(big, (byte) ' ');
    System.arraycopy(valid.getBytes(StandardCharsets.UTF_8), 0, big, 0, valid.length());
    HttpResponse<String> r = post(SECRET, big);
    assertEquals(400, r.statusCode());
    assertEquals("{\"code\":400,\"message\":\"invalid body\"}", r.body());
    assertEquals(List.of(), warehouse.list("**"));
  }

  @Test
  void aFailingWarehouseIs503AndTheRetrySucceeds() throws Exception {
    Files.writeString(dir.resolve("temp"), "a file where the temp/ folder must be: every write fails");
    String body = "{\"vehiclePushKeyValues\":[" + element(VIN, "2025-06-14") + "]}";
    HttpResponse<String> r = post(SECRET, body);
    assertEquals(503, r.statusCode());
    assertTrue(r.body().contains("\"code\":503"), r.body());
    assertEquals(false, receiver.health().healthy());

    Files.delete(dir.resolve("temp"));
    r = post(SECRET, body); // BMW retries the same body
    assertEquals(200, r.statusCode());
    assertEquals(1, Archive.envelopes(warehouse).size());
    assertTrue(receiver.health().healthy());
  }

  @Test
  void successWritesOneObjectPerVinAndDataDateBeforeAnswering() throws Exception {
    String body = "{\"vehiclePushKeyValues\":[" + element(VIN, "2025-06-13") + "," + element(VIN, "2025-06-14")
        + "," + element(VIN, "2025-06-14").replace("T09:14:37Z", "T10:00:00Z") + ","
        + element("WBY8P210X07K1234I", "2025-06-14") + "]}";
    HttpResponse<String> r = post(SECRET, body);
    assertEquals(200, r.statusCode());
    assertEquals("{\"received\":4}", r.body());
    // the answer came after the write: the objects are there now
    List<String> objects = warehouse.list("temp/**");
    assertEquals(2, objects.size(), objects.toString());
    assertTrue(objects.get(0).startsWith("temp/bmw/" + VIN + "/2025-06-13/push-test_"));
    assertTrue(objects.get(1).startsWith("temp/bmw/" + VIN + "/2025-06-14/push-test_"));
    List<Envelope> envelopes = Archive.envelopes(warehouse);
    assertEquals(3, envelopes.size());
    envelopes.forEach(e -> {
      assertEquals(PayloadFormat.BMW_PUSH_JSON, e.payloadFormat());
      assertEquals(clock.instant(), e.receivedAt());
    });
    List<DeadLetter> letters = Archive.deadLetters(warehouse, "bmw");
    assertEquals(1, letters.size());
    assertTrue(letters.get(0).reason().contains("VIN"), letters.get(0).reason());
    assertEquals(3, metrics.envelopesWritten.getCount());
    assertEquals(1, metrics.deadLetters.getCount());
  }

  @Test
  void everySimulatedPushBodyIsArchivedElementByElement() throws Exception {
    List<String> bodies = SimulatedFleet.bmwPushBodies();
    int elements = 0;
    for (String body : bodies) {
      HttpResponse<String> r = post(SECRET, body);
      assertEquals(200, r.statusCode());
      JsonNode sent = SimulatedFleet.tree(body).path("vehiclePushKeyValues");
      assertEquals("{\"received\":" + sent.size() + "}", r.body());
      elements += sent.size();
      clock.advance(java.time.Duration.ofSeconds(1));
    }
    List<Envelope> all = Archive.envelopes(warehouse);
    assertEquals(elements, all.size());
    // one object per request, VIN and data date: the request is the source id before '#'
    Set<String> folders = new HashSet<>();
    all.forEach(e -> folders.add(e.sourceId().substring(0, e.sourceId().indexOf('#')) + "|" + e.vin() + "|"
        + e.dataDate()));
    assertEquals(folders.size(), warehouse.list("temp/**").size());
  }

  @Test
  void healthAndPrometheusMetricsAreServedOnTheSamePort() throws Exception {
    post(SECRET, "{\"vehiclePushKeyValues\":[" + element(VIN, "2025-06-14") + "]}");
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + receiver.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    JsonNode h = SimulatedFleet.tree(health.body());
    assertEquals("ok", h.path("status").asText());
    assertEquals(clock.instant().toString(), h.path("last_flush").asText());
    HttpResponse<String> m = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + receiver.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, m.statusCode());
    assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    assertTrue(m.body().contains("evalue_ingestion_envelopes_written_total{source=\"bmw-push\"} 1"), m.body());
    assertTrue(m.body().contains("evalue_ingestion_records_in_total{source=\"bmw-push\"} 1"), m.body());
    assertTrue(m.body().contains("evalue_ingestion_flush_latency_seconds_count{source=\"bmw-push\"} 1"), m.body());
    assertTrue(m.body().contains("# TYPE evalue_ingestion_dead_letters_total counter"), m.body());
  }
}
