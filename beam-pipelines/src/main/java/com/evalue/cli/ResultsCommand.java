package com.evalue.cli;

import com.evalue.db.Database;
import com.evalue.pipelines.results.WeeklyResults;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue results …}: what the pipeline produced. */
@Command(name = "results", mixinStandardHelpOptions = true, description = "Weekly results.",
    subcommands = ResultsCommand.Export.class)
final class ResultsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (export)");
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Writes the weekly rows of vehicle_data: vin, make, week (Monday), odometer, soh_estimated with",
          "ci_low/ci_high/n/method, soh_ac_estimate, soh_oem with its CI, consumption, level_1..3, cycles."})
  static final class Export implements Runnable {
    @Option(names = "--format", required = true, paramLabel = "csv|jsonl", description = "csv or jsonl.")
    WeeklyResults.Format format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
    Path out;

    @Option(names = "--make", paramLabel = "MAKE", description = "Only this make.")
    String make;

    @Mixin DatabaseArgs db;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      String m = make == null ? null : Makes.parseOne(make).code();
      try (Database database = db.connect();
          Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
        long n = WeeklyResults.export(database.dataSource(), m, format, w);
        spec.commandLine().getOut().println("results export: " + n + " weekly rows → " + out);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
      }
    }
  }
}
