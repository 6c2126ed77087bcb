package com.evalue.cli;

import com.evalue.ingestion.tesla.TeslaIngestConfig;
import com.evalue.ingestion.tesla.TeslaIngestPipeline;
import com.evalue.ingestion.tesla.TeslaIngestService;
import com.evalue.io.archive.TempBuffer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue ingest tesla}: the Fleet Telemetry stream from Kafka (spec: sources.md §1.6, §1.7, §2). */
@Command(name = "tesla", mixinStandardHelpOptions = true,
    description = {"Reads Tesla Fleet Telemetry records from Kafka (Beam KafkaIO, group evalue-tesla-ingestion) into "
        + "the temp buffer, per VIN at 1000 envelopes or 30 s; malformed records go to dlq/ingestion/tesla/ with "
        + "the reason. Offsets are committed only after the temp objects holding them are written, so a crash or "
        + "restart re-reads (duplicates, removed by compaction) and never loses. Streams until SIGTERM, which "
        + "writes and commits everything buffered (at most 10 s) before the process exits; serves /health and "
        + "/metrics on --ops-port meanwhile. With --until-end-offsets reads to the current end offsets and exits."})
final class IngestTeslaCommand implements Runnable {
  @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", required = true,
      defaultValue = "${env:EVALUE_KAFKA_BOOTSTRAP_SERVERS}", description = "Kafka bootstrap servers "
          + "(env EVALUE_KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "tesla_V",
      description = "The <namespace>_V topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--value-format", paramLabel = "FORMAT", defaultValue = "protobuf",
      description = "tesla.value_format: protobuf, json or auto (default: ${DEFAULT-VALUE}).")
  String valueFormat;

  @Option(names = "--until-end-offsets",
      description = "Bounded catch-up: read from the committed offsets to the end offsets seen at start, write, "
          + "commit and exit (for a batch scheduler).")
  boolean untilEndOffsets;

  @Option(names = "--kafka-properties", paramLabel = "FILE", defaultValue = "${env:EVALUE_KAFKA_PROPERTIES_FILE}",
      description = "Kafka client settings as a Java properties file, for every consumer and Admin client: "
          + "security.protocol, sasl.*, ssl.* (e.g. mounted from a secret; env EVALUE_KAFKA_PROPERTIES_FILE).")
  Path kafkaPropertiesFile;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "One Kafka client setting, repeatable; wins over --kafka-properties. The group, commit, "
          + "offset-reset and deserializer settings are the ingestion's own and refused.")
  Map<String, String> kafkaProperty = new LinkedHashMap<>();

  @Option(names = "--flush-envelopes", paramLabel = "N", defaultValue = "1000", hidden = true)
  int flushEnvelopes;

  @Option(names = "--flush-seconds", paramLabel = "S", defaultValue = "30", hidden = true)
  long flushSeconds;

  @Mixin StorageArgs storage;
  @Mixin OpsArgs ops;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    LiveIngestionArgs.serviceLogging();
    if (!untilEndOffsets && storage.runner.equals("SparkRunner")) {
      // The streaming settings measured in docs/benchmarks.md ("Tesla"): with Spark's defaults a 500 ms batch spends
      // 10 % of its time reading and mostly waits. --beam-option overrides each.
      storage.defaultBeamOption("batchIntervalMillis", "2000");
      storage.defaultBeamOption("readTimePercentage", "0.9");
      storage.defaultBeamOption("maxRecordsPerBatch", "100000");
    }
    StorageArgs.Configured c = storage.configure();
    TeslaIngestConfig config;
    try {
      config = new TeslaIngestConfig(bootstrapServers, topic, valueFormat, c.warehouse().root(),
          TempBuffer.writerId("tesla"), flushEnvelopes, Duration.ofSeconds(flushSeconds), untilEndOffsets,
          kafkaProperties());
    } catch (IllegalArgumentException e) {
      throw new EValueCli.UsageError(e.getMessage());
    }
    if (untilEndOffsets) {
      catchUp(config, c);
    } else {
      stream(config, c);
    }
  }

  private SortedMap<String, String> kafkaProperties() {
    SortedMap<String, String> all = new TreeMap<>();
    if (kafkaPropertiesFile != null) {
      Properties file = new Properties();
      try (Reader in = Files.newBufferedReader(kafkaPropertiesFile)) {
        file.load(in);
      } catch (IOException e) {
        throw new EValueCli.UsageError("--kafka-properties: cannot read " + kafkaPropertiesFile + ": " + e);
      }
      file.stringPropertyNames().forEach(k -> all.put(k, file.getProperty(k)));
    }
    all.putAll(kafkaProperty);
    return all;
  }

  private void catchUp(TeslaIngestConfig config, StorageArgs.Configured c) {
    Pipeline p = TeslaIngestPipeline.create(config, c.options());
    if (!TeslaIngestPipeline.build(p, config)) {
      spec.commandLine().getOut().println("evalue ingest tesla: nothing to read on " + topic);
      return;
    }
    spec.commandLine().getOut().println("evalue ingest tesla: " + topic + " at " + bootstrapServers + " into "
        + c.warehouse() + " (until the end offsets)");
    spec.commandLine().getOut().flush();
    PipelineResult.State state = p.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("tesla ingestion ended in state " + state);
    }
  }

  /** Streams until SIGTERM: the shutdown hook writes and commits what is buffered, then cancels the pipeline. */
  private void stream(TeslaIngestConfig config, StorageArgs.Configured c) {
    TeslaIngestService service = TeslaIngestService.start(config, c.options());
    try {
      service.serveOps(ops.host, ops.port);
    } catch (IOException e) {
      service.stop(Duration.ZERO);
      throw new IllegalStateException("cannot serve /health and /metrics on " + ops.host + ":" + ops.port + ": "
          + e.getMessage(), e);
    }
    service.closeOnShutdown();
    PrintWriter out = spec.commandLine().getOut();
    out.println("evalue ingest tesla: " + topic + " at " + bootstrapServers + " into " + c.warehouse()
        + "; streaming; /health and /metrics on " + ops.host + ":" + service.opsPort()
        + "; stop with SIGTERM (final flush within 10 s)");
    out.flush();
    PipelineResult.State state;
    try {
      state = service.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.stop(TeslaIngestService.SHUTDOWN_FLUSH);
      return;
    }
    if (state == PipelineResult.State.FAILED) {
      throw new IllegalStateException("tesla ingestion ended in state " + state);
    }
  }
}
