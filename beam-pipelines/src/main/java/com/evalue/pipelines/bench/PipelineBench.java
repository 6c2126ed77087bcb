package com.evalue.pipelines.bench;

import com.evalue.db.Database;
import com.evalue.db.DatabaseSetup;
import com.evalue.db.fleet.FleetImport;
import com.evalue.db.fleet.FleetImportReport;
import com.evalue.io.archive.ArchiveStats;
import com.evalue.io.files.Directories;
import com.evalue.io.pipeline.HealthFiles;
import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.compaction.CompactionPipeline;
import com.evalue.pipelines.ingest.IngestFilesPipeline;
import com.evalue.simulate.FleetSimulator;
import com.evalue.simulate.SimulationConfig;
import com.evalue.simulate.SimulationSummary;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Make;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The {@code evalue bench pipeline} harness: a simulated fleet's compacted archive is prepared once, then each
 * variant (Beam DirectRunner, Beam SparkRunner, the {@link PlainLoop}) runs in its own child JVM on a fresh warehouse
 * that holds only a hard-linked copy of that archive's {@code compressed/} tree, against a database whose
 * {@code vehicle_data} and {@code soh_temperature_fit} rows were deleted first. Each variant therefore does the
 * whole first-run work: raw_tss parse → … → PostgreSQL for the pipeline; parse → weekly rows for the loop.
 *
 * <p>Reported per variant: the child's own processing wall time (JVM start excluded), archive records (compressed
 * envelopes) per second, decoded signal values per second, and the child's peak RSS (VmHWM). Afterwards each
 * pipeline variant's processed_results are compared row by row with the loop's, and the first variant's are scored
 * against truth.csv ({@link AccuracyEvaluator}).
 */
public final class PipelineBench {
  public static final String PREPARED_MARKER = ".bench-prepared";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PipelineBench() {}

  /** What to run. {@code variants}: any of {@code direct}, {@code spark}, {@code loop}, in order. */
  public record Settings(Path work, Path sim, Path archive, int vehicles, int days, long seed,
      List<String> variants, String sparkMaster, List<String> childJvmArgs) {}

  /** One variant's measurements. */
  public record VariantResult(String variant, String description, int exitCode, double seconds,
      double childWallSeconds, long peakRssKb, long envelopes, long signalValues, Map<String, Object> report,
      Path warehouse, Path log) {
    public double envelopesPerSecond() {
      return envelopes / seconds;
    }

    public double signalValuesPerSecond() {
      return signalValues / seconds;
    }
  }

  /** Simulation + database + ingestion + compaction into {@code archive}, unless already prepared. */
  public static Map<String, Object> prepare(Settings s, Database db, Consumer<String> out,
      PipelineRun.Progress progress) {
    Map<String, Object> report = new LinkedHashMap<>();
    Path marker = s.archive().resolve(PREPARED_MARKER);
    String expected = "vehicles=" + s.vehicles() + " days=" + s.days() + " seed=" + s.seed() + " defects=true";
    long t0 = System.nanoTime();
    out.accept("database: " + DatabaseSetup.migrateAndSeed(db.dataSource()));
    boolean prepared = Files.exists(marker) && read(marker).startsWith(expected);
    boolean reused = !prepared && Files.isDirectory(s.archive().resolve("compressed"))
        && Files.exists(s.sim().resolve("truth.csv"));
    if (reused) {
      out.accept("archive " + s.archive() + " has compressed/ and " + s.sim() + " has truth.csv, but no "
          + PREPARED_MARKER + ": reused as is (its simulation parameters are not checked)");
    }
    if (!prepared && !reused) {
      out.accept("preparing " + expected + " → " + s.sim() + ", " + s.archive());
      SimulationSummary sim;
      try {
        sim = new FleetSimulator(new SimulationConfig(s.vehicles(), s.days(), s.seed(), null, true, s.sim())).run();
      } catch (IOException e) {
        throw new UncheckedIOException("simulation failed: " + e.getMessage(), e);
      }
      long t1 = System.nanoTime();
      report.put("simulate_s", (t1 - t0) / 1e9);
      report.put("simulated_records", sim.totalRecords());
      report.put("simulation_start", sim.startDate().toString());
      out.accept(String.format("simulate: %d records, %d files in %.1f s", sim.totalRecords(), sim.filesWritten(),
          (t1 - t0) / 1e9));
      FleetImportReport fleet = new FleetImport(db.dataSource()).importFile(s.sim().resolve("fleet.csv"));
      out.accept("fleet import: " + fleet.inserted() + " inserted, " + fleet.unchanged() + " unchanged");
      StorageOptions options = options(s.archive(), "DirectRunner", null);
      Warehouse warehouse = Storage.configure(options);
      List<IngestFilesPipeline.Source> sources = new ArrayList<>();
      for (Make m : Make.values()) {
        Path dir = s.sim().resolve("payloads").resolve(m.code());
        if (Files.isDirectory(dir)) {
          sources.add(new IngestFilesPipeline.Source(m, dir.toString()));
        }
      }
      long t2 = System.nanoTime();
      IngestFilesPipeline.Report ingest = IngestFilesPipeline.run(options, warehouse, sources, Clock.systemUTC(),
          progress);
      long t3 = System.nanoTime();
      CompactionPipeline.Report compaction = CompactionPipeline.run(options, warehouse,
          new CompactionPipeline.Request(Arrays.asList(Make.values()), Optional.empty()), Clock.systemUTC(),
          progress);
      long t4 = System.nanoTime();
      report.put("ingest_s", (t3 - t2) / 1e9);
      report.put("compact_s", (t4 - t3) / 1e9);
      report.put("compacted_vehicle_days", compaction.vehicleDays());
      out.accept(String.format("ingest %.1f s (%d files), compact %.1f s (%d vehicle-days)", (t3 - t2) / 1e9,
          ingest.files(), (t4 - t3) / 1e9, compaction.vehicleDays()));
      write(marker, expected + " start=" + sim.startDate() + " prepared_at=" + Instant.now() + "\n");
    } else {
      FleetImportReport fleet = new FleetImport(db.dataSource()).importFile(s.sim().resolve("fleet.csv"));
      out.accept("fleet import: " + fleet.inserted() + " inserted, " + fleet.unchanged() + " unchanged");
    }
    return report;
  }

  /** Runs the variants one after the other, each in a child JVM; returns their measurements. */
  public static List<VariantResult> runVariants(Settings s, Database db, Consumer<String> out) {
    Warehouse archive = Warehouse.at(s.archive().toString());
    long envelopes = 0;
    long files = 0;
    long bytes = 0;
    for (Make m : Make.values()) {
      ArchiveStats a = ArchiveStats.of(archive, m);
      envelopes += a.rows();
      files += a.files();
      bytes += a.bytes();
    }
    out.accept(String.format("archive: %d vehicle-day files, %d records (envelopes), %.1f MiB", files, envelopes,
        bytes / 1048576.0));
    List<VariantResult> results = new ArrayList<>();
    Long signalValues = null;
    for (String variant : s.variants()) {
      Path dir = s.work().resolve("runs").resolve(variant);
      Directories.deleteRecursively(dir);
      Path wh = dir.resolve("warehouse");
      linkTree(s.archive().resolve("compressed"), wh.resolve("compressed"));
      resetResults(db);
      List<String> args = new ArrayList<>(List.of("bench", "run", "--variant", variant, "--warehouse",
          wh.toString(), "--jdbc-url", db.jdbcUrl(), "--db-user", nullToEmpty(db.user()), "--db-password",
          nullToEmpty(db.password()), "--report", dir.resolve("report.json").toString()));
      if (variant.equals("spark")) {
        args.addAll(List.of("--spark-master", s.sparkMaster()));
      }
      out.accept("variant " + variant + ": running (log " + dir.resolve("run.log") + "), load average before: "
          + loadAverage());
      ChildJvm.Outcome o = ChildJvm.run(args, s.childJvmArgs(), dir.resolve("run.log"));
      Map<String, Object> report = Files.exists(dir.resolve("report.json"))
          ? new LinkedHashMap<>(readJson(dir.resolve("report.json"))) : new LinkedHashMap<>();
      // The 1-minute load average just after the run: > 2 on this 2-core machine means other work competed.
      report.put("load_average_after", loadAverage());
      if (o.exitCode() != 0 || report.isEmpty()) {
        out.accept("variant " + variant + ": FAILED with exit code " + o.exitCode() + "; see " + dir.resolve("run.log"));
        results.add(new VariantResult(variant, describe(variant, s), o.exitCode(), Double.NaN, o.wallSeconds(),
            o.polledPeakRssKb(), envelopes, 0, report, wh, dir.resolve("run.log")));
        continue;
      }
      double seconds = ((Number) report.get("seconds")).doubleValue();
      long peak = Math.max(o.polledPeakRssKb(), ((Number) report.getOrDefault("vm_hwm_kb", 0)).longValue());
      if (report.get("signal_values") instanceof Number n) {
        signalValues = n.longValue();
      }
      VariantResult r = new VariantResult(variant, describe(variant, s), 0, seconds, o.wallSeconds(), peak,
          envelopes, signalValues == null ? 0 : signalValues, report, wh, dir.resolve("run.log"));
      results.add(r);
      out.accept(String.format("variant %s: %.1f s, %.0f records/s, peak RSS %.2f GiB; load average after: %s",
          variant, seconds, r.envelopesPerSecond(), peak / 1048576.0, report.get("load_average_after")));
    }
    // The loop reports the decoded signal values; a pipeline variant run before it gets the same count.
    if (signalValues != null) {
      long sv = signalValues;
      results.replaceAll(r -> r.signalValues() > 0 ? r : new VariantResult(r.variant(), r.description(),
          r.exitCode(), r.seconds(), r.childWallSeconds(), r.peakRssKb(), r.envelopes(), sv, r.report(),
          r.warehouse(), r.log()));
    }
    return results;
  }

  static String describe(String variant, Settings s) {
    return switch (variant) {
      case "direct" -> "Beam DirectRunner (enforceImmutability=false, enforceEncodability=false)";
      case "spark" -> "Beam SparkRunner " + s.sparkMaster();
      case "loop" -> "plain single-threaded Java loop (no Beam)";
      default -> variant;
    };
  }

  /** Row-by-row comparison of two warehouses' processed_results (the VINs of either). */
  public record Comparison(int vins, int identicalVins, long rows, long differentRows, List<String> examples) {
    public boolean identical() {
      return vins == identicalVins;
    }
  }

  public static Comparison compareProcessedResults(Warehouse a, Warehouse b) {
    int vins = 0;
    int same = 0;
    long rows = 0;
    long different = 0;
    List<String> examples = new ArrayList<>();
    for (Make m : Make.values()) {
      TreeSet<String> paths = new TreeSet<>(a.list(HealthFiles.processedResultsGlob(m)));
      paths.addAll(b.list(HealthFiles.processedResultsGlob(m)));
      for (String path : paths) {
        vins++;
        List<WeeklyHealth> x = a.readIfExists(path).map(f -> HealthFiles.decode(WeeklyHealth.COLUMNS, f))
            .orElse(List.of());
        List<WeeklyHealth> y = b.readIfExists(path).map(f -> HealthFiles.decode(WeeklyHealth.COLUMNS, f))
            .orElse(List.of());
        rows += Math.max(x.size(), y.size());
        if (x.equals(y)) {
          same++;
          continue;
        }
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
          WeeklyHealth wx = i < x.size() ? x.get(i) : null;
          WeeklyHealth wy = i < y.size() ? y.get(i) : null;
          if (wx == null || !wx.equals(wy)) {
            different++;
            if (examples.size() < 5) {
              examples.add(path + " row " + i + ": " + wx + " vs " + wy);
            }
          }
        }
      }
    }
    return new Comparison(vins, same, rows, different, examples);
  }

  /** The ci_method_floor values of a configuration, by method label. */
  public static Map<String, Double> floors(AnalyticsConfig config) {
    Map<String, Double> out = new TreeMap<>();
    for (SohMethod m : SohMethod.values()) {
      out.put(m.label(), config.ciMethodFloor(m));
    }
    return out;
  }

  /** The Markdown speed table of the variants. */
  public static String speedTable(List<VariantResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("| variant | processing wall time | records/s (archive envelopes) | decoded signal values/s "
        + "| peak RSS (VmHWM) | child JVM wall time |\n");
    sb.append("|---|---:|---:|---:|---:|---:|\n");
    for (VariantResult r : results) {
      if (r.exitCode() != 0) {
        sb.append(String.format("| %s | failed (exit %d) | | | | |%n", r.description(), r.exitCode()));
        continue;
      }
      sb.append(String.format("| %s | %.1f s | %,.0f | %s | %.2f GiB | %.1f s |%n", r.description(), r.seconds(),
          r.envelopesPerSecond(), r.signalValues() > 0 ? String.format("%,.0f", r.signalValuesPerSecond()) : "–",
          r.peakRssKb() / 1048576.0, r.childWallSeconds()));
    }
    return sb.toString();
  }

  // ---- helpers ----

  /** The 1-, 5- and 15-minute load averages (Linux), or "?" elsewhere. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** Beam options for a local warehouse; the DirectRunner without its (costly) immutability/encodability checks. */
  public static StorageOptions options(Path warehouse, String runner, String sparkMaster) {
    List<String> args = new ArrayList<>(List.of("--warehouse=" + warehouse, "--runner=" + runner));
    if (runner.equals("DirectRunner")) {
      args.add("--enforceImmutability=false");
      args.add("--enforceEncodability=false");
    }
    if (sparkMaster != null) {
      args.add("--sparkMaster=" + sparkMaster);
    }
    PipelineOptionsFactory.register(StorageOptions.class);
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().as(StorageOptions.class);
  }

  /** Deletes the pipeline's results so the next variant writes every row (spec storage.md §7 upserts). */
  static void resetResults(Database db) {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM vehicle_data");
      st.executeUpdate("DELETE FROM soh_temperature_fit");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reset vehicle_data: " + e.getMessage(), e);
    }
  }

  /** Copies a directory tree as hard links (instant, no extra disk); falls back to copying across file systems. */
  static void linkTree(Path from, Path to) {
    try {
      Files.walkFileTree(from, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          Files.createDirectories(to.resolve(from.relativize(dir).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Path target = to.resolve(from.relativize(file).toString());
          try {
            Files.createLink(target, file);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, target);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readJson(Path file) {
    try {
      return JSON.readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static void writeJson(Path file, Object value) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
