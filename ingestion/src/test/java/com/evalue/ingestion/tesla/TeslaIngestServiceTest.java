package com.evalue.ingestion.tesla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.KafkaBroker;
import com.evalue.ingestion.support.SimulatedFleet;
import com.evalue.ingestion.support.TeslaStream;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tesla stream as a process (issue #4 item 9) against a real in-process KRaft broker: {@code /metrics} and
 * {@code /health} scraped over HTTP while records arrive, and the final flush of a stop.
 */
class TeslaIngestServiceTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void opsEndpointsFollowTheStreamAndTheFinalFlushWritesAndCommitsEverything() throws Exception {
    try (KafkaBroker kafka = new KafkaBroker()) {
      String topic = "ops_V";
      kafka.createTopic(topic, 2);
      TeslaStream stream = new TeslaStream(kafka.bootstrapServers(), topic, 23);
      stream.produce(new int[] {14, 9, 5}, "mixed", 0);
      stream.produceMalformed(true);
      Map<Integer, Long> end = stream.endOffsets(2);
      long records = end.values().stream().mapToLong(Long::longValue).sum();
      assertEquals(stream.sent.size() + stream.bad.size(), records);

      // neither flush rule can fire on its own: only the final flush writes
      TeslaIngestConfig config = TeslaIngestConfig.defaults(kafka.bootstrapServers(), topic, dir.toString(),
          "ops-" + System.nanoTime()).withValueFormat("auto").withFlushRules(1000, Duration.ofMinutes(10));
      DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
      options.setRunner(DirectRunner.class);
      TeslaIngestService service = TeslaIngestService.start(config, options, Clock.systemUTC(),
          Duration.ofMillis(200)).serveOps("127.0.0.1", 0);
      try {
        int port = service.opsPort();
        String m = awaitMetrics(port, "everything read and buffered",
            t -> sample(t, "records_in_total") == records && sample(t, "buffered_envelopes") == records
                && sample(t, "kafka_lag_records") == records);
        assertEquals(0, sample(m, "envelopes_written_total"));
        assertEquals(0, sample(m, "dead_letters_total"));
        assertTrue(sample(m, "lag_seconds") >= 0);
        HttpResponse<String> health = get(port, "/health");
        assertEquals(200, health.statusCode(), health.body());
        JsonNode h = SimulatedFleet.tree(health.body());
        assertTrue(h.path("consuming").asBoolean(), health.body());
        assertEquals(records, h.path("buffered_envelopes").asLong());
        assertEquals(records, h.path("kafka_lag_records").asLong());
        assertTrue(h.path("last_flush").isNull());
        assertTrue(Archive.tempObjects(Warehouse.at(dir.toString())).isEmpty(), "nothing written yet");

        // what SIGTERM does first: every partition writes all it holds and commits, within a tick
        service.control().requestDrain();
        m = awaitMetrics(port, "the drain written, committed and polled",
            t -> sample(t, "buffered_envelopes") == 0 && sample(t, "kafka_lag_records") == 0);
        assertEquals(stream.sent.size(), sample(m, "envelopes_written_total"));
        assertEquals(stream.bad.size(), sample(m, "dead_letters_total"));
        assertTrue(sample(m, "flush_latency_seconds_count") >= 1, m);
        assertTrue(sample(m, "temp_objects_written_total") >= 3, m);
        assertTrue(sample(m, "last_flush_age_seconds") >= 0, m);
        h = SimulatedFleet.tree(get(port, "/health").body());
        assertTrue(!h.path("last_flush").isNull(), h.toString());
        assertEquals(0, h.path("kafka_lag_records").asLong());
      } finally {
        assertTrue(service.stop(Duration.ofSeconds(10)), "final flush complete");
      }
      assertEquals(end, TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), topic));
      Warehouse w = Warehouse.at(dir.toString());
      Set<String> written = Archive.envelopes(w).stream().map(Envelope::sourceId).collect(Collectors.toSet());
      stream.sent.forEach(s -> assertTrue(written.contains(s.sourceId()), "missing " + s.sourceId()));
      assertEquals(stream.bad.size(), Archive.deadLetters(w, "tesla").size());
    }
  }

  /** A sample of {@code /metrics} by name without the {@code evalue_ingestion_} prefix; -1 when absent. */
  static double sample(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^evalue_ingestion_" + Pattern.quote(name) + "\\{source=\"tesla\"} (\\S+)$")
        .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  static String awaitMetrics(int port, String what, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      last = get(port, "/metrics").body();
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what + "; last /metrics:\n" + last);
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
