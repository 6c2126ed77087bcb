package com.evalue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.kafka.EmbeddedKafka;
import com.evalue.ingestion.tesla.TeslaIngestPipeline;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetterFiles;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.ingest.TeslaFeed;
import com.evalue.simulate.tesla.TeslaDatum;
import com.evalue.simulate.tesla.TeslaField;
import com.evalue.simulate.tesla.TeslaJsonEncoder;
import com.evalue.simulate.tesla.TeslaPayload;
import com.evalue.simulate.tesla.TeslaProtoEncoder;
import com.evalue.simulate.tesla.TeslaValue;
import com.evalue.transforms.model.Envelope;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evalue ingest tesla} as a process (issue #4 item 9): the CLI in a child JVM against an in-process KRaft
 * broker, its {@code /metrics} and {@code /health}, and SIGTERM with a final flush: flush rules that never fire on
 * their own (600 s, 1000 envelopes), so only the shutdown writes, and it must write and commit every record.
 */
class IngestTeslaCommandTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  static List<TeslaFeed.Message> messages(int vins, int perVin) {
    List<TeslaFeed.Message> out = new ArrayList<>();
    for (int i = 0; i < perVin; i++) {
      for (int v = 0; v < vins; v++) {
        String vin = String.format("5YJ3E7EB9NF%06d", 300 + v);
        TeslaPayload p = new TeslaPayload(List.of(
            new TeslaDatum(TeslaField.SOC, new TeslaValue.StringValue(String.format("%.1f", 80 - i * 0.5))),
            new TeslaDatum(TeslaField.ODOMETER, new TeslaValue.DoubleValue(12_000 + i))),
            Instant.parse("2025-06-03T08:00:00Z").plusSeconds(30L * i), vin, false);
        byte[] value = (i + v) % 3 == 0 ? TeslaJsonEncoder.encode(p).getBytes(StandardCharsets.UTF_8)
            : TeslaProtoEncoder.encode(p);
        out.add(TeslaFeed.message(value));
      }
    }
    // malformed: truncated protobuf without a readable VIN, and JSON cut in the middle
    out.add(TeslaFeed.message(new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, 0x01}));
    out.add(TeslaFeed.message("{\"data\":[{\"key\":\"Soc\",".getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void servesHealthAndMetricsAndSigtermWritesAndCommitsEverythingBeforeExit() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      String topic = "sigterm_V";
      kafka.createTopic(topic, 3);
      List<TeslaFeed.Message> messages = messages(5, 30);
      long records = TeslaFeed.publish(kafka.bootstrapServers(), topic, messages);
      long valid = messages.stream().filter(m -> m.vin() != null).count();
      Map<Integer, Long> end = endOffsets(kafka, topic, 3);
      Path warehouse = dir.resolve("warehouse");
      int opsPort = freePort();
      Path log = dir.resolve("child.log");
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
          // as the CLI's own log4j2.xml does (the test classpath's log4j2-test.xml takes precedence here)
          "-Dlog4j2.shutdownHookEnabled=false",
          "-cp", System.getProperty("java.class.path"), EValueCli.class.getName(), "ingest", "tesla",
          "--bootstrap-servers", kafka.bootstrapServers(), "--topic", topic, "--value-format", "auto",
          "--warehouse", warehouse.toString(), "--flush-seconds", "600", "--ops-host", "127.0.0.1",
          "--ops-port", String.valueOf(opsPort))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        String m = awaitMetrics(p, log, opsPort, t -> sample(t, "records_in_total") == records
            && sample(t, "buffered_envelopes") == records && sample(t, "kafka_lag_records") == records);
        assertEquals(0, sample(m, "envelopes_written_total"), m);
        HttpResponse<String> health = get(opsPort, "/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"consuming\":true"), health.body());
        assertTrue(Warehouse.at(warehouse.toString()).list("temp/**").isEmpty(), "nothing flushed before SIGTERM");

        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exited after SIGTERM");
        assertEquals(143, p.exitValue(), Files.readString(log));
      } finally {
        p.destroyForcibly();
      }
      String childLog = Files.readString(log);
      assertTrue(childLog.contains("final_flush_complete=true"), childLog);
      assertEquals(end, TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), topic), childLog);
      Warehouse w = Warehouse.at(warehouse.toString());
      List<Envelope> written = new ArrayList<>();
      w.list("temp/**").forEach(path -> written.addAll(TempBuffer.decodeAll(w.read(path))));
      assertEquals(valid, written.size());
      Set<String> sourceIds = written.stream().map(Envelope::sourceId).collect(Collectors.toSet());
      assertEquals(valid, sourceIds.size(), "each record once");
      assertEquals(records - valid, DeadLetterFiles.readAll(w, "ingestion", "tesla").size());
    }
  }

  static Map<Integer, Long> endOffsets(EmbeddedKafka kafka, String topic, int partitions) throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> q = new HashMap<>();
      for (int i = 0; i < partitions; i++) {
        q.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      Map<Integer, Long> out = new HashMap<>();
      admin.listOffsets(q).all().get(30, TimeUnit.SECONDS).forEach((tp, i) -> {
        if (i.offset() > 0) {
          out.put(tp.partition(), i.offset());
        }
      });
      return out;
    }
  }

  static double sample(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^evalue_ingestion_" + Pattern.quote(name) + "\\{source=\"tesla\"} (\\S+)$")
        .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  static String awaitMetrics(Process p, Path log, int port, java.util.function.Predicate<String> condition)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("the CLI exited: " + Files.readString(log));
      }
      try {
        last = get(port, "/metrics").body();
        if (condition.test(last)) {
          return last;
        }
      } catch (java.io.IOException notYetListening) {
        // the child JVM is still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out; last /metrics:\n" + last + "\nlog:\n" + Files.readString(log));
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
