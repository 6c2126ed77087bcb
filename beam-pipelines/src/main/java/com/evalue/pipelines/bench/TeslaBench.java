package com.evalue.pipelines.bench;

import com.evalue.ingestion.kafka.EmbeddedKafka;
import com.evalue.ingestion.tesla.TeslaIngestConfig;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetterFiles;
import com.evalue.io.files.Directories;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.ingest.TeslaFeed;
import com.evalue.simulate.FleetSimulator;
import com.evalue.simulate.SimulationConfig;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import com.evalue.transforms.source.tesla.TeslaEnvelopes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code evalue bench tesla} (issue #4, "Measure"): one in-process KRaft broker, a simulated fleet's Tesla records,
 * and in the same run:
 *
 * <ol>
 *   <li><b>sustained throughput</b> Kafka → temp buffer of a backlog of {@code records} records, for each variant in
 *       its own child JVM, consumer group reset in between: {@code direct} ({@code evalue ingest tesla} on the
 *       DirectRunner, its checks off), {@code spark} (the same on the SparkRunner, streaming, {@code local[2]}) and
 *       {@code loop} ({@link PlainTeslaLoop}, the ceiling). Timed from the first record read to every offset
 *       committed (so every record is in a written temp object), with the age rule at 1 s so the tails do not wait;
 *       then every variant's temp objects are decoded and counted against what was produced;</li>
 *   <li><b>end-to-end delay</b> produce → durable write: the faster pipeline variant streams while this JVM
 *       produces at a steady rate (half its measured throughput) for {@code delaySeconds}; a record's delay is the
 *       modification time of the temp object holding it minus its send time. Once with the spec's flush rules
 *       (1000 envelopes / 30 s), once with a 1 s age, which shows the pipeline's own share.</li>
 * </ol>
 */
public final class TeslaBench {
  static final String TOPIC = "bench_V";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TeslaBench() {}

  /** What to run. {@code variants}: any of {@code direct}, {@code spark}, {@code loop}. */
  public record Settings(Path work, long records, int partitions, int vehicles, int days, long seed,
      List<String> variants, String sparkMaster, List<String> childJvmArgs, int delaySeconds, Integer delayRate,
      List<Integer> delayFlushSeconds) {}

  /** One throughput variant. */
  public record Throughput(String variant, String description, int exitCode, long records, long recordsDecoded,
      long envelopesWritten, long deadLetters, boolean complete, double startupSeconds, double seconds,
      long peakRssKb, Path log) {
    public double recordsPerSecond() {
      return seconds > 0 ? records / seconds : 0;
    }
  }

  /** One delay run. */
  public record Delay(String variant, int flushSeconds, int rate, long records, double p50, double p99,
      double max, boolean complete, Path log) {}

  /** A message of the simulated pool and whether the ingestion accepts it (else it is a dead letter). */
  record Pooled(TeslaFeed.Message message, boolean accepted) {}

  public static Map<String, Object> run(Settings s, Consumer<String> line) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("started_at", Instant.now().toString());
    json.put("machine", machine());
    line.accept("machine: " + machine());
    List<Pooled> pool = pool(s, line);
    json.put("pool", Map.of("messages", pool.size(), "vins",
        pool.stream().map(p -> p.message().vin()).filter(v -> v != null).distinct().count()));
    List<Throughput> throughputs = new ArrayList<>();
    List<Delay> delays = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); Admin admin = kafka.admin()) {
      kafka.createTopic(TOPIC, s.partitions());
      long t0 = System.nanoTime();
      long accepted = produceBacklog(kafka.bootstrapServers(), pool, s.records());
      double produceSeconds = (System.nanoTime() - t0) / 1e9;
      line.accept(String.format("produced %,d records to %s (%d partitions) in %.1f s (%,.0f records/s); %,d "
          + "valid, %,d malformed", s.records(), TOPIC, s.partitions(), produceSeconds, s.records() / produceSeconds,
          accepted, s.records() - accepted));
      json.put("produce", Map.of("records", s.records(), "partitions", s.partitions(), "seconds", produceSeconds,
          "valid", accepted));
      for (String variant : s.variants()) {
        resetGroup(admin);
        Throughput t = throughput(s, variant, kafka, admin, accepted, line);
        throughputs.add(t);
        line.accept(String.format("%s: %,d records in %.1f s after %.1f s of start-up: %,.0f records/s; %,d "
                + "decoded, %,d envelopes + %,d dead letters written%s; peak RSS %,d MiB", variant, t.records(),
            t.seconds(), t.startupSeconds(), t.recordsPerSecond(), t.recordsDecoded(), t.envelopesWritten(),
            t.deadLetters(),
            t.complete() ? "" : " — INCOMPLETE, see " + t.log(), t.peakRssKb() / 1024));
      }
      Optional<Throughput> fastest = throughputs.stream()
          .filter(t -> !t.variant().equals("loop") && t.complete()).max((a, b) -> Double.compare(
              a.recordsPerSecond(), b.recordsPerSecond()));
      if (fastest.isPresent() && s.delaySeconds() > 0) {
        int rate = s.delayRate() != null ? s.delayRate()
            : (int) Math.max(100, Math.round(fastest.get().recordsPerSecond() / 2 / 100) * 100);
        for (int flushSeconds : s.delayFlushSeconds()) {
          Delay d = delay(s, fastest.get().variant(), flushSeconds, rate, kafka, admin, pool, line);
          delays.add(d);
          line.accept(String.format("delay %s, flush at 1000 envelopes / %d s, %,d records/s for %d s: %,d records, "
                  + "p50 %.2f s, p99 %.2f s, max %.2f s%s", d.variant(), flushSeconds, rate, s.delaySeconds(),
              d.records(), d.p50(), d.p99(), d.max(), d.complete() ? "" : " — INCOMPLETE, see " + d.log()));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("bench tesla: " + e.getMessage(), e);
    }
    json.put("throughput", throughputs.stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("variant", t.variant());
      m.put("description", t.description());
      m.put("exit_code", t.exitCode());
      m.put("records", t.records());
      m.put("records_decoded", t.recordsDecoded());
      m.put("envelopes_written", t.envelopesWritten());
      m.put("dead_letters", t.deadLetters());
      m.put("complete", t.complete());
      m.put("startup_seconds", t.startupSeconds());
      m.put("seconds", t.seconds());
      m.put("records_per_second", t.recordsPerSecond());
      m.put("peak_rss_kb", t.peakRssKb());
      return m;
    }).toList());
    json.put("delay", delays.stream().map(d -> Map.of("variant", d.variant(), "flush_seconds", d.flushSeconds(),
        "rate", d.rate(), "records", d.records(), "p50_seconds", d.p50(), "p99_seconds", d.p99(),
        "max_seconds", d.max(), "complete", d.complete())).toList());
    json.put("markdown", markdown(s, throughputs, delays));
    json.put("machine_after", machine());
    return json;
  }

  /** Load average and cores, from /proc (the machine is shared: say how busy it was). */
  static String machine() {
    String load;
    try {
      load = Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      load = "unknown";
    }
    return Runtime.getRuntime().availableProcessors() + " cores, load average " + load;
  }

  /** The simulated fleet's Tesla messages (simulated once into WORK/sim), and which of them are valid. */
  static List<Pooled> pool(Settings s, Consumer<String> line) {
    Path sim = s.work().resolve("sim");
    Path tesla = sim.resolve("payloads").resolve(Make.TESLA.code());
    if (!Files.isDirectory(tesla)) {
      try {
        new FleetSimulator(new SimulationConfig(s.vehicles(), s.days(), s.seed(),
            LocalDate.now(java.time.ZoneOffset.UTC).minusDays(s.days()), true, sim)).run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<Pooled> pool = new ArrayList<>();
    for (TeslaFeed.Message m : TeslaFeed.readFiles(tesla)) {
      boolean ok = EnvelopeExtractor.extract(Make.TESLA, TeslaEnvelopes.detectFormat(m.value()), m.value(),
          new Transport(Instant.now(), "x", m.vin(), Map.of(), null)).get(0) instanceof Extracted.Accepted;
      pool.add(new Pooled(m, ok));
    }
    if (pool.isEmpty()) {
      throw new IllegalStateException("the simulated fleet has no Tesla; use more --vehicles");
    }
    line.accept(String.format("pool: %,d simulated Tesla messages of %d vehicles × %d days (%s)", pool.size(),
        s.vehicles(), s.days(), tesla));
    return pool;
  }

  /** Produces {@code records} messages of the pool, cycling; returns how many of them are valid. */
  static long produceBacklog(String bootstrapServers, List<Pooled> pool, long records) {
    long accepted = 0;
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = TeslaFeed.producer(bootstrapServers)) {
      for (long i = 0; i < records; i++) {
        Pooled p = pool.get((int) (i % pool.size()));
        accepted += p.accepted() ? 1 : 0;
        producer.send(TeslaFeed.record(TOPIC, p.message(), System.currentTimeMillis()), (m, e) -> {
          if (e != null) {
            failed.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    }
    if (failed.get() != null) {
      throw new IllegalStateException("produce failed: " + failed.get().getMessage(), failed.get());
    }
    return accepted;
  }

  /** Forgets the group's offsets: the next variant reads the topic from the start. */
  static void resetGroup(Admin admin) throws Exception {
    try {
      admin.deleteConsumerGroups(List.of(TeslaIngestConfig.GROUP_ID)).all().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
        throw e;
      }
    }
  }

  static long committed(Admin admin, String topic) throws Exception {
    return admin.listConsumerGroupOffsets(TeslaIngestConfig.GROUP_ID).partitionsToOffsetAndMetadata()
        .get(30, TimeUnit.SECONDS).entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  static Throughput throughput(Settings s, String variant, EmbeddedKafka kafka, Admin admin, long accepted,
      Consumer<String> line) throws Exception {
    Path run = s.work().resolve("runs").resolve(variant);
    Directories.deleteRecursively(run);
    Files.createDirectories(run);
    Path warehouse = run.resolve("warehouse");
    Path log = run.resolve("child.log");
    int port = freePort();
    List<String> args = new ArrayList<>();
    String description;
    if (variant.equals("loop")) {
      description = "plain KafkaConsumer loop, single-threaded (PlainTeslaLoop)";
      args.addAll(List.of("bench", "tesla-loop", "--bootstrap-servers", kafka.bootstrapServers(), "--topic", TOPIC,
          "--records", String.valueOf(s.records()), "--warehouse", warehouse.toString(), "--flush-seconds", "1",
          "--report", run.resolve("loop.json").toString()));
    } else {
      description = variant.equals("spark") ? "evalue ingest tesla, SparkRunner streaming " + s.sparkMaster()
          : "evalue ingest tesla, DirectRunner";
      args.addAll(ingestArgs(s, variant, kafka.bootstrapServers(), TOPIC, warehouse, port, 1, run));
    }
    line.accept(variant + ": " + description + " (log " + log + ")");
    Process p = ChildJvm.start(args, s.childJvmArgs(), log);
    long t0 = System.currentTimeMillis();
    long firstMs = 0;
    long endMs = 0;
    long peak = 0;
    long decoded = -1;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
    try {
      while (System.nanoTime() < deadline) {
        peak = Math.max(peak, ChildJvm.vmHwmKb(p.pid()).orElse(0L));
        if (firstMs == 0 && !variant.equals("loop") && metric(port, "records_in_total") > 0) {
          firstMs = System.currentTimeMillis();
        }
        if (committed(admin, TOPIC) >= s.records()) {
          endMs = System.currentTimeMillis();
          break;
        }
        if (!p.isAlive()) {
          break;
        }
        Thread.sleep(50);
      }
      if (variant.equals("loop")) {
        p.waitFor(60, TimeUnit.SECONDS); // it exits by itself once done, after writing its report
      }
    } finally {
      decoded = variant.equals("loop") ? s.records() : (long) metric(port, "records_in_total");
      p.destroy();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (variant.equals("loop") && Files.exists(run.resolve("loop.json"))) {
      firstMs = PipelineBench.JSON.readTree(run.resolve("loop.json").toFile()).path("first_record_at_ms").asLong();
    } else {
      // the pipeline logs when it read its first record (KafkaIO's processing-time stamp): more exact than /metrics,
      // which sees records only once they reach the buffer (on Spark, after a whole read phase)
      Matcher m = Pattern.compile("event=first_record_read read_at=\\S+ read_at_ms=(\\d+)")
          .matcher(Files.readString(log));
      if (m.find()) {
        firstMs = Long.parseLong(m.group(1));
      }
    }
    Warehouse w = Warehouse.at(warehouse.toString());
    long envelopes = 0;
    for (String path : w.list("temp/**")) {
      envelopes += TempBuffer.decodeAll(w.read(path)).size();
    }
    long letters = DeadLetterFiles.readAll(w, "ingestion", "tesla").size();
    boolean complete = endMs > 0 && envelopes == accepted && letters == s.records() - accepted;
    double seconds = endMs > 0 && firstMs > 0 ? (endMs - firstMs) / 1000.0 : 0;
    return new Throughput(variant, description, p.exitValue(), s.records(), decoded, envelopes, letters, complete,
        firstMs > 0 ? (firstMs - t0) / 1000.0 : 0, seconds, peak, log);
  }

  /** {@code evalue ingest tesla} for a pipeline variant. */
  static List<String> ingestArgs(Settings s, String variant, String bootstrapServers, String topic, Path warehouse,
      int opsPort, int flushSeconds, Path run) {
    List<String> args = new ArrayList<>(List.of("ingest", "tesla", "--bootstrap-servers", bootstrapServers,
        "--topic", topic, "--value-format", "auto", "--warehouse", warehouse.toString(), "--flush-seconds",
        String.valueOf(flushSeconds), "--ops-host", "127.0.0.1", "--ops-port", String.valueOf(opsPort)));
    if (variant.equals("spark")) {
      args.addAll(List.of("--runner", "SparkRunner", "--spark-master", s.sparkMaster(),
          "--beam-option", "batchIntervalMillis=2000", "--beam-option", "readTimePercentage=0.9",
          "--beam-option", "maxRecordsPerBatch=100000",
          "--beam-option", "checkpointDir=" + run.resolve("spark-checkpoint")));
    }
    return args;
  }

  static Delay delay(Settings s, String variant, int flushSeconds, int rate, EmbeddedKafka kafka, Admin admin,
      List<Pooled> pool, Consumer<String> line) throws Exception {
    String topic = "delay" + flushSeconds + "s_V";
    kafka.createTopic(topic, s.partitions());
    resetGroup(admin);
    Path run = s.work().resolve("runs").resolve("delay-" + flushSeconds + "s-" + variant);
    Directories.deleteRecursively(run);
    Files.createDirectories(run);
    Path warehouse = run.resolve("warehouse");
    Path log = run.resolve("child.log");
    int port = freePort();
    Process p = ChildJvm.start(ingestArgs(s, variant, kafka.bootstrapServers(), topic, warehouse, port,
        flushSeconds, run), s.childJvmArgs(), log);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    long produced = 0;
    boolean complete = false;
    try {
      long ready = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!healthy(port)) {
        if (!p.isAlive() || System.nanoTime() > ready) {
          throw new IllegalStateException("the ingestion did not become healthy; see " + log);
        }
        Thread.sleep(200);
      }
      line.accept(String.format("delay run: %s streaming %s; producing %,d records/s for %d s", variant, topic,
          rate, s.delaySeconds()));
      // a steady rate: every 10 ms the records due by then
      try (KafkaProducer<byte[], byte[]> producer = TeslaFeed.producer(kafka.bootstrapServers())) {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(s.delaySeconds());
        int i = 0;
        while (System.nanoTime() < end) {
          long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
          while (produced < due) {
            Pooled m = pool.get(i++ % pool.size());
            long now = System.currentTimeMillis();
            ProducerRecord<byte[], byte[]> r = TeslaFeed.record(topic, m.message(), now);
            producer.send(r, (meta, e) -> {
              if (e == null) {
                sentAt.put(meta.partition() + ":" + meta.offset(), now);
              }
            });
            produced++;
          }
          Thread.sleep(10);
        }
        producer.flush();
      }
      long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(flushSeconds + 180L);
      while (System.nanoTime() < wait && p.isAlive()) {
        if (committed(admin, topic) >= produced) {
          complete = true;
          break;
        }
        Thread.sleep(100);
      }
    } finally {
      p.destroy();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    Warehouse w = Warehouse.at(warehouse.toString());
    Path root = warehouse;
    List<Double> delays = new ArrayList<>();
    for (String path : w.list("temp/**")) {
      long written = Files.getLastModifiedTime(root.resolve(path)).toMillis();
      for (Envelope e : TempBuffer.decodeAll(w.read(path))) {
        String[] id = e.sourceId().split(":");
        Long sent = sentAt.get(Integer.parseInt(id[1]) + ":" + Long.parseLong(id[2]));
        if (sent != null) {
          delays.add((written - sent) / 1000.0);
        }
      }
    }
    double[] sorted = delays.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Delay(variant, flushSeconds, rate, sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1], complete, log);
  }

  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  static String markdown(Settings s, List<Throughput> throughputs, List<Delay> delays) {
    StringBuilder md = new StringBuilder();
    md.append(String.format("%,d simulated Tesla records (%d vehicles × %d days, cycled), %d partitions.%n%n",
        s.records(), s.vehicles(), s.days(), s.partitions()));
    md.append("| variant | start-up (s) | records | sustained (s) | records/s | × loop | peak RSS (MiB) | all written "
        + "and committed |\n|---|---|---|---|---|---|---|---|\n");
    double loop = throughputs.stream().filter(t -> t.variant().equals("loop") && t.complete())
        .mapToDouble(Throughput::recordsPerSecond).findFirst().orElse(0);
    for (Throughput t : throughputs) {
      md.append(String.format("| %s | %.1f | %,d | %.1f | %,.0f | %s | %,d | %s |%n", t.description(),
          t.startupSeconds(), t.records(), t.seconds(), t.recordsPerSecond(),
          loop > 0 ? String.format("%.2f", t.recordsPerSecond() / loop) : "–", t.peakRssKb() / 1024,
          t.complete() ? "yes" : "NO"));
    }
    if (!delays.isEmpty()) {
      md.append("\n| runner | flush rule | produce rate | records | p50 delay | p99 delay | max |\n"
          + "|---|---|---|---|---|---|---|\n");
      for (Delay d : delays) {
        md.append(String.format("| %s | 1000 envelopes / %d s | %,d records/s | %,d | %.2f s | %.2f s | %.2f s |%n",
            d.variant(), d.flushSeconds(), d.rate(), d.records(), d.p50(), d.p99(), d.max()));
      }
    }
    return md.toString();
  }

  private static boolean healthy(int port) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A sample of the child's {@code /metrics}; -1 when absent or not yet served. */
  static double metric(int port, String name) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("(?m)^evalue_ingestion_" + Pattern.quote(name) + "\\{source=\"tesla\"} (\\S+)$")
          .matcher(r.body());
      return m.find() ? Double.parseDouble(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The JSON report of the loop's child JVM ({@code bench tesla-loop --report}). */
  public static Map<String, Object> loopReport(PlainTeslaLoop.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", r.records());
    m.put("envelopes", r.envelopes());
    m.put("dead_letters", r.deadLetters());
    m.put("temp_objects", r.tempObjects());
    m.put("first_record_at_ms", r.firstRecordAtMs());
    m.put("done_at_ms", r.doneAtMs());
    m.put("seconds", (r.doneAtMs() - r.firstRecordAtMs()) / 1000.0);
    return m;
  }
}
