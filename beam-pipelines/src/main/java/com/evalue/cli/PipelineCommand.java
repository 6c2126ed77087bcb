package com.evalue.cli;

import com.evalue.db.Database;
import com.evalue.db.Migrations;
import com.evalue.pipelines.health.BatteryHealthPipeline;
import com.evalue.pipelines.health.JdbcSettings;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.model.Make;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue pipeline}: the battery-health pipeline of spec/pipeline.md. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Runs the battery-health pipeline for a make (or all): raw_tss → fleet_info → processed_tss →",
        "raw_results → Renault temperature fit → processed_results → PostgreSQL vehicle_data. Incremental: only",
        "dirty VINs are recomputed. Exit code 3 when a pipeline of the make is already running."})
final class PipelineCommand implements Runnable {
  @Option(names = "--make", paramLabel = "MAKE", defaultValue = "all",
      description = "Make code or 'all' (default: ${DEFAULT-VALUE}).")
  String make;

  @Option(names = "--all-vins", description = "Mark every VIN of the make dirty (reason manual).")
  boolean allVins;

  @Option(names = "--vins", split = ",", paramLabel = "VIN",
      description = "Mark these VINs dirty (reason manual) and process only them.")
  List<String> vins = new ArrayList<>();

  @Option(names = "--rescan", description = "List all of compressed/ instead of the change logs.")
  boolean rescan;

  @Option(names = "--reparse-from", paramLabel = "YYYY-MM-DD", description = "Re-parse compressed days from this date on.")
  LocalDate reparseFrom;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML file with an 'analytics' section (spec/pipeline.md §6).")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one analytics key, repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Mixin StorageArgs storage;
  @Mixin DatabaseArgs db;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    List<Make> makes = Makes.parse(make);
    AnalyticsConfig analytics = analytics(config, overrides);
    StorageArgs.Configured c = storage.configure();
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = db.connect();
        CompactCommand.Locks locks = CompactCommand.Locks.take(database, "pipeline", makes)) {
      Migrations.migrate(database.dataSource());
      JdbcSettings jdbc = new JdbcSettings(database.jdbcUrl(), database.user(), database.password());
      for (Make m : makes) {
        BatteryHealthPipeline.Report r = BatteryHealthPipeline.run(c.options(), c.warehouse(), jdbc,
            database.dataSource(), new BatteryHealthPipeline.Request(m, rescan, Optional.ofNullable(reparseFrom),
                allVins, vins), analytics, Clock.systemUTC(), Printer.progress(spec));
        Printer.pipeline(out, r);
      }
    }
  }

  static AnalyticsConfig analytics(Path file, Map<String, String> overrides) {
    try {
      AnalyticsConfig base = file == null ? AnalyticsConfig.defaults() : AnalyticsConfig.fromYaml(file);
      return base.withOverrides(overrides);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new EValueCli.UsageError(e.getMessage());
    }
  }
}
