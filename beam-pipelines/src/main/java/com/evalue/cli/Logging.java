package com.evalue.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Quiet, structured logs by default (WARN, key=value lines on stderr); {@code --verbose} turns on INFO. */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    if (!verbose) {
      // Libraries that are chatty at WARN about things users cannot act on.
      Configurator.setLevel("org.apache.beam.sdk.io.FileSystems", Level.ERROR);
      Configurator.setLevel("org.apache.hadoop", Level.ERROR);
      Configurator.setLevel("org.apache.parquet", Level.ERROR);
      Configurator.setLevel("org.apache.spark", Level.ERROR);
      Configurator.setLevel("io.zonky", Level.ERROR);
      // Kafka clients warn on every reconnect attempt, and the embedded broker of 'demo --streaming' and 'bench tesla'
      // about its own start; the Tesla ingestion reports an unreachable broker itself (logs, /health).
      Configurator.setLevel("org.apache.kafka", Level.ERROR);
      Configurator.setLevel("kafka", Level.ERROR);
      Configurator.setLevel("state.change.logger", Level.ERROR);
      Configurator.setLevel("org.flywaydb", Level.WARN);
    }
  }
}
