package com.evalue.cli;

import com.evalue.db.Database;
import com.evalue.db.DatabaseSetup;
import com.evalue.db.fleet.FleetImport;
import com.evalue.db.fleet.FleetImportReport;
import com.evalue.io.archive.ArchiveStats;
import com.evalue.pipelines.compaction.CompactionPipeline;
import com.evalue.pipelines.health.BatteryHealthPipeline;
import com.evalue.pipelines.health.JdbcSettings;
import com.evalue.pipelines.results.WeeklyResults;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.pipelines.ingest.IngestFilesPipeline;
import com.evalue.simulate.SimulationConfig;
import com.evalue.simulate.SimulationSummary;
import com.evalue.transforms.model.Make;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue demo}: the main job end to end on the embedded defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the main job on embedded defaults: simulate a fleet → db migrate → fleet import →",
        "ingest every make's files → compact → battery-health pipeline, then prints a fleet SoH report. Rerunnable: a rerun re-ingests the",
        "same payloads and compaction removes the duplicates, so the archive does not grow.",
        "With --streaming, Tesla arrives live instead: an embedded Kafka broker (KRaft, in this JVM), the simulated",
        "Tesla records published to tesla_V, and the streaming ingestion of 'evalue ingest tesla' running until it has",
        "read them all, then stopped with its final flush (everything written and committed)."})
final class DemoCommand implements Runnable {
  @Option(names = "--streaming",
      description = "Tesla through an embedded Kafka broker and the streaming ingestion instead of its files.")
  boolean streaming;

  @Mixin FleetArgs fleet;
  @Mixin StorageArgs storage;
  @Mixin DatabaseArgs db;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    SimulationConfig config = fleet.config(null, true);
    Path out = fleet.out;
    StorageArgs.Configured c = storage.configure();

    o.println("1/5 simulate");
    o.flush();
    SimulationSummary sim = SimulateCommand.simulate(config, spec);
    SimulateCommand.print(o, sim, config.sensorBias());
    long t1 = System.nanoTime();

    try (Database database = db.connect();
        CompactCommand.Locks locks = CompactCommand.Locks.take(database, "compaction", Arrays.asList(Make.values()));
        CompactCommand.Locks pipelineLocks = CompactCommand.Locks.take(database, "pipeline",
            Arrays.asList(Make.values()))) {
      o.println("2/5 database: " + db.describe());
      o.println("  " + DatabaseSetup.migrateAndSeed(database.dataSource()));
      FleetImportReport imported = new FleetImport(database.dataSource()).importFile(out.resolve("fleet.csv"));
      FleetCommand.Import.print(o, imported);
      o.println("  demo vehicles activated: " + DemoActivation.activate(database.dataSource(), out.resolve("fleet.csv")));
      long t2 = System.nanoTime();

      o.println(streaming ? "3/5 ingest: Tesla streamed through Kafka, the other makes' files" : "3/5 ingest files");
      o.flush();
      Path teslaPayloads = out.resolve("payloads").resolve(Make.TESLA.code());
      DemoStreaming.Result stream = null;
      if (streaming && Files.isDirectory(teslaPayloads)) {
        // fresh options: the stream's are switched to streaming (and to a non-blocking DirectRunner)
        stream = DemoStreaming.ingestTesla(teslaPayloads, c.warehouse(), storage.options(), o);
        DemoStreaming.print(o, stream);
        if (!stream.committedToEnd()) {
          throw new IllegalStateException("the Tesla stream did not write and commit every record it read");
        }
      }
      List<IngestFilesPipeline.Source> sources = new ArrayList<>(IngestCommand.perMakeFolders(out.resolve("payloads")));
      if (streaming) {
        sources.removeIf(source -> source.make() == Make.TESLA); // it arrived through Kafka
      }
      IngestFilesPipeline.Report ingest = IngestFilesPipeline.run(c.options(), c.warehouse(), sources,
          Clock.systemUTC(), Printer.progress(spec));
      Printer.ingestion(o, ingest);
      long t3 = System.nanoTime();

      o.println("4/5 compact");
      o.flush();
      CompactionPipeline.Report compaction = CompactionPipeline.run(c.options(), c.warehouse(),
          new CompactionPipeline.Request(Arrays.asList(Make.values()), Optional.empty()), Clock.systemUTC(),
          Printer.progress(spec));
      Printer.compaction(o, compaction);
      long t4 = System.nanoTime();

      o.println("5/5 battery-health pipeline");
      o.flush();
      JdbcSettings jdbc = new JdbcSettings(database.jdbcUrl(), database.user(), database.password());
      AnalyticsConfig analytics = AnalyticsConfig.defaults();
      for (Make m : Make.values()) {
        Printer.pipeline(o, BatteryHealthPipeline.run(c.options(), c.warehouse(), jdbc, database.dataSource(),
            new BatteryHealthPipeline.Request(m, false, Optional.empty(), false, List.of()), analytics,
            Clock.systemUTC(), Printer.progress(spec)));
      }
      long t5 = System.nanoTime();

      o.println();
      o.println("Fleet archive (compressed/, all runs so far):");
      o.printf("  %-14s %9s %9s %9s %12s %11s %12s %10s%n", "make", "messages", "envelopes", "rejected",
          "duplicates", "vehicle-days", "rows", "KiB");
      for (Make m : Make.values()) {
        ArchiveStats stats = ArchiveStats.of(c.warehouse(), m);
        boolean streamed = stream != null && m == Make.TESLA;
        o.printf("  %-14s %9d %9d %9d %12d %11d %12d %10.1f%n", m.code() + (streamed ? "*" : ""),
            streamed ? stream.recordsIn() : ingest.get("messagesRead." + m.code()),
            streamed ? stream.envelopesWritten() : ingest.get("envelopesAccepted." + m.code()),
            streamed ? stream.deadLetters() : ingest.get("rejected." + m.code()),
            compaction.get("duplicatesRemoved." + m.code()), stats.files(), stats.rows(), stats.bytes() / 1024.0);
      }
      if (stream != null) {
        o.println("  (* through Kafka and the streaming ingestion)");
      }
      o.printf("  (messages read, envelopes accepted, rejected, duplicates removed: this run; rejects with reasons under %s/dlq/)%n",
          c.warehouse().root());
      o.println();
      Printer.fleetReport(o, WeeklyResults.summary(database.dataSource()),
          WeeklyResults.lowest(database.dataSource(), 5));
      o.println();
      o.printf("Done in %.1f s (simulate %.1f s, database %.1f s, ingest %.1f s, compact %.1f s, pipeline %.1f s).%n",
          secs(t0, t5), secs(t0, t1), secs(t1, t2), secs(t2, t3), secs(t3, t4), secs(t4, t5));
      o.println("Warehouse: " + c.warehouse().root() + "   Database: " + db.describe() + " (" + database.jdbcUrl()
          + ")");
      o.println("API: './evalue api' serves these vehicles on http://localhost:4000/v1 (Swagger UI /v1/docs;"
          + " demo user demo@evalue.local / evalue-demo; it prints a ready-to-run curl).");
      o.println("Next: './evalue results export --format csv --out weekly.csv' writes every weekly row;"
          + " rerun './evalue demo' (idempotent); './evalue --help' lists every command.");
      o.flush();
    }
  }

  private static double secs(long from, long to) {
    return (to - from) / 1e9;
  }
}
