package com.evalue.cli;

import com.evalue.db.Database;
import com.evalue.db.Migrations;
import com.evalue.io.jdbc.FleetInfoQuery;
import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.bench.AccuracyEvaluator;
import com.evalue.pipelines.bench.ChildJvm;
import com.evalue.pipelines.bench.PipelineBench;
import com.evalue.pipelines.bench.PlainLoop;
import com.evalue.pipelines.bench.PlainTeslaLoop;
import com.evalue.pipelines.bench.TeslaBench;
import com.evalue.pipelines.bench.TruthWeek;
import com.evalue.pipelines.bench.WeeklyEstimate;
import com.evalue.pipelines.health.BatteryHealthPipeline;
import com.evalue.pipelines.health.JdbcSettings;
import com.evalue.pipelines.results.WeeklyResults;
import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.model.Make;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue bench …}: accuracy against the simulator's truth and speed of the battery-health pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks (docs/benchmarks.md, docs/accuracy.md): 'bench pipeline' measures the battery-health",
        "pipeline (DirectRunner, SparkRunner, plain Java loop) on a simulated fleet; 'bench accuracy' scores weekly",
        "results against the simulator's truth.csv; 'bench loop' runs the plain single-threaded loop; 'bench tesla'",
        "measures the Tesla streaming ingestion (Kafka → temp buffer)."},
    subcommands = {BenchCommand.PipelineBenchCommand.class, BenchCommand.AccuracyCommand.class,
        BenchCommand.LoopCommand.class, BenchCommand.RunCommand.class, BenchCommand.TeslaBenchCommand.class,
        BenchCommand.TeslaLoopCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing subcommand (pipeline, accuracy, loop, tesla)");
  }

  /** {@code bench pipeline}: the harness. */
  @Command(name = "pipeline", mixinStandardHelpOptions = true,
      description = {"Prepares a simulated fleet's compacted archive once (simulate → db → fleet import → ingest →",
          "compact, defects on, default noise), then runs each variant in its own child JVM on a fresh copy of the",
          "archive and an emptied vehicle_data: the battery-health pipeline on the DirectRunner, on the SparkRunner,",
          "and the plain single-threaded Java loop. Prints wall time, records/s and peak RSS per variant, checks",
          "that the pipeline's weekly rows equal the loop's, and scores them against truth.csv.",
          "Writes WORK/bench.md, WORK/bench.json and WORK/accuracy.md."})
  static final class PipelineBenchCommand implements Runnable {
    @Option(names = "--vehicles", defaultValue = "100", description = "Fleet size (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(names = "--days", defaultValue = "365", description = "Days simulated (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work", required = true, paramLabel = "DIR",
        description = "Work directory: sim/, archive/, pg/ (embedded database), runs/{variant}/, reports.")
    Path work;

    @Option(names = "--out", paramLabel = "DIR", description = "Simulation directory (default: WORK/sim).")
    Path sim;

    @Option(names = "--warehouse", paramLabel = "DIR",
        description = "Compacted archive to prepare or reuse; only its compressed/ is read (default: WORK/archive).")
    Path archive;

    @Option(names = "--db-dir", paramLabel = "DIR", description = "Embedded PostgreSQL data directory (default: WORK/pg).")
    Path dbDir;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "External PostgreSQL instead of the embedded one.")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password.")
    String dbPassword;

    @Mixin BenchVariantArgs runs;

    @Option(names = "--prepare-only", description = "Stop after preparing the archive.")
    boolean prepareOnly;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      List<String> variants = runs.variants();
      PrintWriter out = spec.commandLine().getOut();
      Path simDir = sim != null ? sim : work.resolve("sim");
      Path archiveDir = archive != null ? archive : work.resolve("archive");
      PipelineBench.Settings s = new PipelineBench.Settings(work, simDir, archiveDir, vehicles, days, seed, variants,
          runs.sparkMaster, runs.childJvmOptions);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("started_at", Instant.now().toString());
      json.put("settings", Map.of("vehicles", vehicles, "days", days, "seed", seed, "sim", simDir.toString(),
          "archive", archiveDir.toString(), "variants", variants, "spark_master", runs.sparkMaster,
          "jvm", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
              .filter(a -> a.startsWith("-X")).toList(),
          "cores", Runtime.getRuntime().availableProcessors()));
      try (Database db = jdbcUrl == null || jdbcUrl.isBlank()
          ? Database.connect(null, dbUser, dbPassword, dbDir != null ? dbDir : work.resolve("pg"))
          : Database.external(jdbcUrl, dbUser, dbPassword)) {
        json.put("prepare", PipelineBench.prepare(s, db, line(out), Printer.progress(spec)));
        if (prepareOnly) {
          return;
        }
        List<PipelineBench.VariantResult> results = PipelineBench.runVariants(s, db, line(out));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PipelineBench.VariantResult r : results) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("variant", r.variant());
          row.put("description", r.description());
          row.put("exit_code", r.exitCode());
          row.put("seconds", r.seconds());
          row.put("child_wall_seconds", r.childWallSeconds());
          row.put("peak_rss_kb", r.peakRssKb());
          row.put("records", r.envelopes());
          row.put("records_per_second", r.envelopesPerSecond());
          row.put("signal_values", r.signalValues());
          row.put("child_report", r.report());
          rows.add(row);
        }
        json.put("variants", rows);
        StringBuilder md = new StringBuilder();
        md.append(String.format("Fleet: %d vehicles × %d days, seed %d, defects on, default noise; %d cores.%n%n",
            vehicles, days, seed, Runtime.getRuntime().availableProcessors()));
        md.append(PipelineBench.speedTable(results));

        // Cross-check: every pipeline variant's weekly rows against the loop's.
        Optional<PipelineBench.VariantResult> loop = results.stream()
            .filter(r -> r.variant().equals("loop") && r.exitCode() == 0).findFirst();
        Map<String, Object> checks = new LinkedHashMap<>();
        for (PipelineBench.VariantResult r : results) {
          if (loop.isPresent() && r != loop.get() && r.exitCode() == 0) {
            PipelineBench.Comparison c = PipelineBench.compareProcessedResults(
                Warehouse.at(r.warehouse().toString()), Warehouse.at(loop.get().warehouse().toString()));
            String text = String.format("%s vs loop: %d/%d VINs identical, %d of %d weekly rows differ", r.variant(),
                c.identicalVins(), c.vins(), c.differentRows(), c.rows());
            out.println(text);
            c.examples().forEach(e -> out.println("  " + e));
            checks.put(r.variant() + "_vs_loop", Map.of("vins", c.vins(), "identical_vins", c.identicalVins(),
                "rows", c.rows(), "different_rows", c.differentRows(), "examples", c.examples()));
            md.append(String.format("%nCross-check %s.%n", text));
          }
        }
        json.put("cross_checks", checks);

        // Accuracy of the first successful variant against truth.csv.
        Optional<PipelineBench.VariantResult> scored = results.stream().filter(r -> r.exitCode() == 0).findFirst();
        if (scored.isPresent() && Files.exists(simDir.resolve("truth.csv"))) {
          AnalyticsConfig config = AnalyticsConfig.defaults();
          Map<String, Double> floors = PipelineBench.floors(config);
          AccuracyEvaluator.Report acc = AccuracyEvaluator.evaluate(TruthWeek.read(simDir.resolve("truth.csv")),
              WeeklyEstimate.fromWarehouse(Warehouse.at(scored.get().warehouse().toString())), floors);
          String accuracy = AccuracyCommand.render(acc, floors, "processed_results of variant "
              + scored.get().variant());
          PipelineBench.write(work.resolve("accuracy.md"), accuracy);
          out.println();
          out.print(AccuracyEvaluator.makeTable(acc));
        }
        PipelineBench.write(work.resolve("bench.md"), md.toString());
        PipelineBench.writeJson(work.resolve("bench.json"), json);
        out.println();
        out.print(md);
        out.println("Reports: " + work.resolve("bench.md") + ", " + work.resolve("bench.json") + ", "
            + work.resolve("accuracy.md"));
        out.flush();
      }
    }

    private static java.util.function.Consumer<String> line(PrintWriter out) {
      return text -> {
        out.println(text);
        out.flush();
      };
    }
  }

  /** {@code bench accuracy}: weekly results against truth.csv. */
  @Command(name = "accuracy", mixinStandardHelpOptions = true,
      description = {"Joins weekly results with the simulator's truth.csv by (vin, week) and prints, per make and per",
          "method: weeks, coverage (share of vehicle-weeks with an estimate), MAE and bias (percentage points),",
          "CI coverage, plus the ci_method_floor calibration table. Results come from --results (the CSV of",
          "'evalue results export'), from --processed-results (a warehouse's processed_results Parquet files),",
          "or else from the database's vehicle_data."})
  static final class AccuracyCommand implements Runnable {
    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "truth.csv of 'evalue simulate'.")
    Path truth;

    @Option(names = "--results", paramLabel = "FILE", description = "CSV of 'evalue results export --format csv'.")
    Path results;

    @Option(names = "--processed-results", paramLabel = "WAREHOUSE",
        description = "Read processed_results/{make}/{vin}.parquet of this warehouse (unrounded values).")
    String processedResults;

    @Option(names = "--config", paramLabel = "FILE",
        description = "The analytics configuration of the run (for the floors it used; default: the defaults).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Analytics override of the run, repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--worst", defaultValue = "0", description = "Also list the N VINs with the largest MAE.")
    int worst;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the tables to this file.")
    Path markdown;

    @Mixin DatabaseArgs db;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      AnalyticsConfig analytics = PipelineCommand.analytics(config, overrides);
      List<WeeklyEstimate> rows;
      String source;
      if (results != null) {
        rows = WeeklyEstimate.fromCsv(results);
        source = results.toString();
      } else if (processedResults != null) {
        rows = WeeklyEstimate.fromWarehouse(Warehouse.at(processedResults));
        source = "processed_results of " + processedResults;
      } else {
        StringWriter csv = new StringWriter();
        try (Database database = db.connect()) {
          WeeklyResults.export(database.dataSource(), null, WeeklyResults.Format.CSV, csv);
        }
        rows = WeeklyEstimate.parseCsvText(csv.toString(), "vehicle_data");
        source = "vehicle_data of " + db.describe();
      }
      Map<String, Double> floors = PipelineBench.floors(analytics);
      AccuracyEvaluator.Report r = AccuracyEvaluator.evaluate(TruthWeek.read(truth), rows, floors);
      String text = render(r, floors, source);
      if (worst > 0) {
        text += "\nWorst VINs by MAE:\n\n" + AccuracyEvaluator.worstVins(r, worst);
      }
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      if (markdown != null) {
        PipelineBench.write(markdown, text);
      }
    }

    static String render(AccuracyEvaluator.Report r, Map<String, Double> floors, String source) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("Results: %s — %d rows, %d truth vehicle-weeks, %d result rows without a truth week.%n%n",
          source, r.resultRows(), r.truthWeeks(), r.unmatchedRows()));
      sb.append("Estimated SoH per make:\n\n").append(AccuracyEvaluator.makeTable(r));
      sb.append("\nPer make and method:\n\n").append(AccuracyEvaluator.methodTable(r));
      sb.append("\nOEM SoH (soh_oem) against the truth:\n\n").append(AccuracyEvaluator.oemTable(r));
      if (r.acByMake().values().stream().anyMatch(s -> s.weeks() > 0)) {
        sb.append("\nTesla AC estimate (soh_ac_estimate, not part of soh_estimated) against the truth:\n\n")
            .append(AccuracyEvaluator.acTable(r));
      }
      sb.append("\nci_method_floor calibration (floors as SoH fractions):\n\n")
          .append(AccuracyEvaluator.calibrationTable(r, floors));
      return sb.toString();
    }
  }

  /** {@code bench loop}: the plain single-threaded loop over an archive. */
  @Command(name = "loop", mixinStandardHelpOptions = true,
      description = {"Runs the battery-health computation as a plain single-threaded Java loop (no Beam) over the",
          "compressed/ archive of --warehouse, with fleet_info from the database; prints volumes and records/s and,",
          "with --truth, the accuracy. With --out-warehouse, writes processed_results files there."})
  static final class LoopCommand implements Runnable {
    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Warehouse holding compressed/.")
    String warehouse;

    @Option(names = "--make", defaultValue = "all", description = "Make code or 'all' (default: ${DEFAULT-VALUE}).")
    String make;

    @Option(names = "--out-warehouse", paramLabel = "DIR", description = "Write processed_results files here.")
    String outWarehouse;

    @Option(names = "--truth", paramLabel = "FILE", description = "Score the weekly rows against this truth.csv.")
    Path truth;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with an 'analytics' section.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one analytics key, repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--worst", defaultValue = "0", description = "With --truth: also list the N worst VINs.")
    int worst;

    @Option(names = "--phases-csv", paramLabel = "FILE", description = "Also write every raw_results row as CSV.")
    Path phasesCsv;

    @Option(names = "--weekly-csv", paramLabel = "FILE", description = "Also write every weekly row as CSV.")
    Path weeklyCsv;

    @Option(names = "--renault-fit", defaultValue = "spec", paramLabel = "VARIANT",
        description = "What-if Renault temperature fit: spec (the pipeline's, default), within, detrended, slope=V.")
    String renaultFit;

    @Mixin DatabaseArgs db;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      AnalyticsConfig analytics = PipelineCommand.analytics(config, overrides);
      List<Make> makes = Makes.parse(make);
      Map<String, Map<String, FleetInfo>> info;
      try (Database database = db.connect()) {
        info = fleetInfo(database, makes);
      }
      PlainLoop.Result r = PlainLoop.run(Warehouse.at(warehouse), makes, info, analytics, t -> {
        out.println(t);
        out.flush();
      }, phasesCsv != null, renaultFit);
      if (phasesCsv != null) {
        PipelineBench.write(phasesCsv, PlainLoop.rawResultsCsv(r));
      }
      if (weeklyCsv != null) {
        PipelineBench.write(weeklyCsv, PlainLoop.weeklyCsv(r));
      }
      out.printf("loop: %d envelopes, %d signal values, %d raw_tss rows in %.1f s: %,.0f records/s, %,.0f signal "
          + "values/s%n", r.envelopes(), r.signalValues(), r.rawTssRows(), r.nanos() / 1e9,
          r.envelopes() / (r.nanos() / 1e9), r.signalValues() / (r.nanos() / 1e9));
      r.renaultFits().forEach((model, fit) -> out.println("renault temperature fit " + model + ": " + fit));
      if (outWarehouse != null) {
        PlainLoop.writeProcessedResults(Warehouse.at(outWarehouse), r);
      }
      if (truth != null) {
        Map<String, Double> floors = PipelineBench.floors(analytics);
        AccuracyEvaluator.Report acc = AccuracyEvaluator.evaluate(TruthWeek.read(truth), r.estimates(), floors);
        out.println();
        out.print(AccuracyCommand.render(acc, floors, "plain loop"));
        if (worst > 0) {
          out.print("\nWorst VINs by MAE:\n\n" + AccuracyEvaluator.worstVins(acc, worst));
        }
      }
      out.flush();
    }
  }

  static Map<String, Map<String, FleetInfo>> fleetInfo(Database database, List<Make> makes) {
    Migrations.migrate(database.dataSource());
    Map<String, Map<String, FleetInfo>> info = new TreeMap<>();
    for (Make m : makes) {
      Map<String, FleetInfo> byVin = new TreeMap<>();
      FleetInfoQuery.read(database.dataSource(), m.code()).byVin().forEach((vin, row) -> byVin.put(vin,
          row.toFleetInfo()));
      info.put(m.code(), byVin);
    }
    return info;
  }

  /** {@code bench run}: one variant in this JVM (the child process of 'bench pipeline'). */
  @Command(name = "run", hidden = true, mixinStandardHelpOptions = true,
      description = "Runs one benchmark variant in this JVM and writes its JSON report (used by 'bench pipeline').")
  static final class RunCommand implements Runnable {
    @Option(names = "--variant", required = true, description = "direct, spark or loop.")
    String variant;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR")
    Path warehouse;

    @Option(names = "--spark-master", defaultValue = "local[2]")
    String sparkMaster;

    @Option(names = "--report", required = true, paramLabel = "FILE")
    Path report;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one analytics key, repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Mixin DatabaseArgs db;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      AnalyticsConfig analytics = PipelineCommand.analytics(null, overrides);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("variant", variant);
      Map<String, Double> makeSeconds = new LinkedHashMap<>();
      long t0;
      long t1;
      try (Database database = db.connect()) {
        if (variant.equals("loop")) {
          Map<String, Map<String, FleetInfo>> info = fleetInfo(database, Arrays.asList(Make.values()));
          Warehouse wh = Warehouse.at(warehouse.toString());
          t0 = System.nanoTime();
          PlainLoop.Result r = PlainLoop.run(wh, Arrays.asList(Make.values()), info, analytics, t -> {
            out.println(t);
            out.flush();
          });
          t1 = System.nanoTime();
          r.makes().forEach(m -> makeSeconds.put(m.make().code(), m.nanos() / 1e9));
          json.put("envelopes", r.envelopes());
          json.put("signal_values", r.signalValues());
          json.put("raw_tss_rows", r.rawTssRows());
          json.put("weeks", r.makes().stream().mapToLong(PlainLoop.MakeRun::weeks).sum());
          PlainLoop.writeProcessedResults(wh, r); // not timed: the cross-check reads these files
        } else {
          String runner = variant.equals("spark") ? "SparkRunner" : "DirectRunner";
          StorageOptions options = PipelineBench.options(warehouse, runner,
              variant.equals("spark") ? sparkMaster : null);
          Warehouse wh = Storage.configure(options);
          Migrations.migrate(database.dataSource());
          JdbcSettings jdbc = new JdbcSettings(database.jdbcUrl(), database.user(), database.password());
          Map<String, Long> counters = new TreeMap<>();
          t0 = System.nanoTime();
          for (Make m : Make.values()) {
            long m0 = System.nanoTime();
            BatteryHealthPipeline.Report r = BatteryHealthPipeline.run(options, wh, jdbc, database.dataSource(),
                new BatteryHealthPipeline.Request(m, false, Optional.empty(), false, List.of()), analytics,
                Clock.systemUTC(), Printer.progress(spec));
            makeSeconds.put(m.code(), (System.nanoTime() - m0) / 1e9);
            Printer.pipeline(out, r);
            out.flush();
            r.counters().forEach((k, v) -> counters.merge(k, v, Long::sum));
          }
          t1 = System.nanoTime();
          json.put("runner", runner);
          json.put("counters", counters);
        }
      }
      json.put("seconds", (t1 - t0) / 1e9);
      json.put("make_seconds", makeSeconds);
      json.put("vm_hwm_kb", ChildJvm.selfVmHwmKb().orElse(0L));
      long heapPeak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
          heapPeak += pool.getPeakUsage().getUsed();
        }
      }
      json.put("heap_pools_peak_bytes", heapPeak);
      json.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
      PipelineBench.writeJson(report, json);
      out.printf("variant %s: %.1f s, VmHWM %d KiB%n", variant, (t1 - t0) / 1e9, json.get("vm_hwm_kb"));
    }
  }
  /** {@code bench tesla}: the Tesla streaming ingestion harness. */
  @Command(name = "tesla", mixinStandardHelpOptions = true,
      description = {"Starts an embedded Kafka broker (KRaft, in this JVM), produces --records simulated Tesla records",
          "and measures, in the same run: the sustained throughput Kafka → temp buffer of 'evalue ingest tesla' on",
          "the DirectRunner and on the SparkRunner (streaming, local[2]) and of a plain KafkaConsumer loop writing the",
          "same temp files (the ceiling), each in its own child JVM; then the end-to-end delay produce → durable write",
          "(p50/p99) of the faster runner while records are produced at a steady rate. Checks every variant's temp",
          "objects against what was produced. Writes WORK/tesla-bench.md and WORK/tesla-bench.json."})
  static final class TeslaBenchCommand implements Runnable {
    @Option(names = "--records", defaultValue = "200000", description = "Backlog records (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--partitions", defaultValue = "4", description = "Topic partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--vehicles", defaultValue = "200",
        description = "Simulated fleet whose Tesla records are cycled (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(names = "--days", defaultValue = "2", description = "Days simulated (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work", defaultValue = "./data/bench-tesla", paramLabel = "DIR",
        description = "Work directory: sim/, runs/{variant}/, reports (default: ${DEFAULT-VALUE}).")
    Path work;

    @Mixin BenchVariantArgs runs;

    @Option(names = "--delay-seconds", defaultValue = "60",
        description = "Length of each steady-rate delay run; 0 skips them (default: ${DEFAULT-VALUE}).")
    int delaySeconds;

    @Option(names = "--delay-rate", paramLabel = "RECORDS_PER_S",
        description = "Produce rate of the delay runs (default: half the faster runner's measured throughput).")
    Integer delayRate;

    @Option(names = "--delay-flush-seconds", split = ",", defaultValue = "30,1",
        description = "Age rule of each delay run, seconds (default: ${DEFAULT-VALUE}: the spec's, then 1 s).")
    List<Integer> delayFlushSeconds;


    @Spec CommandSpec spec;

    @Override
    public void run() {
      List<String> variants = runs.variants();
      if (records < 1 || partitions < 1) {
        throw new EValueCli.UsageError("--records and --partitions must be positive");
      }
      PrintWriter out = spec.commandLine().getOut();
      TeslaBench.Settings s = new TeslaBench.Settings(work, records, partitions, vehicles, days, seed, variants,
          runs.sparkMaster, runs.childJvmOptions, delaySeconds, delayRate, delayFlushSeconds);
      Map<String, Object> json = TeslaBench.run(s, text -> {
        out.println(text);
        out.flush();
      });
      String md = (String) json.get("markdown");
      PipelineBench.write(work.resolve("tesla-bench.md"), md);
      PipelineBench.writeJson(work.resolve("tesla-bench.json"), json);
      out.println();
      out.print(md);
      out.println("Reports: " + work.resolve("tesla-bench.md") + ", " + work.resolve("tesla-bench.json"));
      out.flush();
    }
  }

  /** {@code bench tesla-loop}: the plain consumer loop in this JVM (a child process of 'bench tesla'). */
  @Command(name = "tesla-loop", hidden = true, mixinStandardHelpOptions = true,
      description = "Runs the plain single-threaded Tesla consumer loop until --records records are written.")
  static final class TeslaLoopCommand implements Runnable {
    @Option(names = "--bootstrap-servers", required = true)
    String bootstrapServers;

    @Option(names = "--topic", required = true)
    String topic;

    @Option(names = "--records", required = true)
    long records;

    @Option(names = "--warehouse", required = true)
    String warehouse;

    @Option(names = "--flush-envelopes", defaultValue = "1000")
    int flushEnvelopes;

    @Option(names = "--flush-seconds", defaultValue = "30")
    long flushSeconds;

    @Option(names = "--report", required = true)
    Path report;

    @Spec CommandSpec spec;

    @Override
    public void run() {
      PlainTeslaLoop.Result r = PlainTeslaLoop.run(bootstrapServers, topic, warehouse, records, flushEnvelopes,
          java.time.Duration.ofSeconds(flushSeconds));
      PipelineBench.writeJson(report, TeslaBench.loopReport(r));
      spec.commandLine().getOut().printf("tesla loop: %d records, %d envelopes, %d dead letters, %d temp objects in "
          + "%.1f s%n", r.records(), r.envelopes(), r.deadLetters(), r.tempObjects(),
          (r.doneAtMs() - r.firstRecordAtMs()) / 1000.0);
    }
  }
}
