package com.evalue.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.cli.EValueCli;
import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.KafkaBroker;
import com.evalue.ingestion.support.TeslaStream;
import com.evalue.ingestion.tesla.TeslaIngestPipeline;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM with a final flush on the SparkRunner (streaming, local[2]): {@code evalue ingest tesla --runner
 * SparkRunner} in a child JVM, flush rules that never fire on their own, and after SIGTERM every record must be in
 * the temp buffer (or the dead letters) and every offset committed. On Spark the shutdown hook has to run ahead of
 * Spark's own hooks, which stop the streaming context.
 */
class TeslaSparkSigtermTest {
  @TempDir Path dir;

  @Test
  void sigtermWritesAndCommitsEverythingBufferedOnSpark() throws Exception {
    try (KafkaBroker kafka = new KafkaBroker()) {
      String topic = "sparkterm_V";
      kafka.createTopic(topic, 2);
      TeslaStream stream = new TeslaStream(kafka.bootstrapServers(), topic, 29);
      stream.produce(new int[] {10, 7, 4}, "mixed", 0);
      stream.produceMalformed(true);
      Map<Integer, Long> end = stream.endOffsets(2);
      long records = end.values().stream().mapToLong(Long::longValue).sum();
      Path warehouse = dir.resolve("warehouse");
      Path log = dir.resolve("child.log");
      int opsPort;
      try (ServerSocket s = new ServerSocket(0)) {
        opsPort = s.getLocalPort();
      }
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // this JVM's options: heap, Spark's --add-opens, the StAX properties
      cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-agentlib")).toList());
      cmd.addAll(List.of("-Dlog4j2.shutdownHookEnabled=false", "-cp", System.getProperty("java.class.path"),
          EValueCli.class.getName(), "ingest", "tesla", "--bootstrap-servers", kafka.bootstrapServers(),
          "--topic", topic, "--value-format", "auto", "--warehouse", warehouse.toString(), "--flush-seconds", "600",
          "--ops-host", "127.0.0.1", "--ops-port", String.valueOf(opsPort), "--runner", "SparkRunner",
          "--beam-option", "batchIntervalMillis=1000", "--beam-option", "checkpointDir=" + dir.resolve("cp")));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        awaitBuffered(p, log, opsPort, records);
        assertTrue(Warehouse.at(warehouse.toString()).list("temp/**").isEmpty(), "nothing written before SIGTERM");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "exited after SIGTERM");
      } finally {
        p.destroyForcibly();
      }
      String childLog = Files.readString(log);
      assertTrue(childLog.contains("final_flush_complete=true"), childLog);
      assertEquals(end, TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), topic), childLog);
      Warehouse w = Warehouse.at(warehouse.toString());
      Set<String> written = Archive.envelopes(w).stream().map(Envelope::sourceId).collect(Collectors.toSet());
      stream.sent.forEach(s -> assertTrue(written.contains(s.sourceId()), "missing " + s.sourceId()));
      assertEquals(stream.bad.size(), Archive.deadLetters(w, "tesla").size());
    }
  }

  /** Until /metrics shows every record in the buffer. */
  static void awaitBuffered(Process p, Path log, int port, long records) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String expected = "evalue_ingestion_buffered_envelopes{source=\"tesla\"} " + records + ".0\n";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String last = "";
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("the CLI exited: " + Files.readString(log));
      }
      try {
        last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (last.contains(expected)) {
          return;
        }
      } catch (java.io.IOException starting) {
        // the child JVM is still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not all buffered; last /metrics:\n" + last + "\nlog:\n" + Files.readString(log));
  }
}
