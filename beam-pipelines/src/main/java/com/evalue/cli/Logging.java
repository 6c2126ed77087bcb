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
      Configurator.setLevel("org.flywaydb", Level.WARN);
    }
  }
}
