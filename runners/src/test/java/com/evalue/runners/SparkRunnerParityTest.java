package com.evalue.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.evalue.db.DatabaseSetup;
import com.evalue.db.EmbeddedDatabase;
import com.evalue.db.fleet.FleetImport;
import com.evalue.io.parquet.ParquetBytes;
import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.compaction.CompactionPipeline;
import com.evalue.pipelines.health.BatteryHealthPipeline;
import com.evalue.pipelines.health.JdbcSettings;
import com.evalue.pipelines.ingest.IngestFilesPipeline;
import com.evalue.simulate.FleetSimulator;
import com.evalue.simulate.SimulationConfig;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.model.Make;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The same end to end on the SparkRunner (local[2]) as on the DirectRunner gives the same outputs, row for row
 * (spec: storage.md §1.5 — derived files are a pure function of their inputs, whatever runs them).
 *
 * <p>One simulated fleet is ingested and compacted twice, into two warehouses: once on each runner. Then the
 * battery-health pipeline of every make runs on each warehouse with its own database, on its runner. Every clock
 * is fixed, so the two sides must agree on every archived row, every derived Parquet file, every pipeline-state
 * file, every dead letter, every {@code vehicle_data} and {@code soh_temperature_fit} row and every counter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkRunnerParityTest {
  static final LocalDate START = LocalDate.parse("2025-03-03");
  static final int VEHICLES = 8;
  static final int DAYS = 10;
  /** Ingestion's clock: every received_at is this instant, on both runners. */
  static final Clock INGESTED = Clock.fixed(START.plusDays(DAYS + 1).atTime(0, 5).toInstant(ZoneOffset.UTC),
      ZoneOffset.UTC);
  /** Compaction and the pipeline run the day after, when every simulated data date is closed. */
  static final Clock AFTER = Clock.fixed(START.plusDays(DAYS + 2).atTime(0, 15).toInstant(ZoneOffset.UTC),
      ZoneOffset.UTC);
  /** Run summaries carry wall-clock durations and temp object names carry a per-process sequence. */
  static final Predicate<String> COMPARED = p -> !p.startsWith("runs/") && !p.startsWith("temp/");

  static final String SPARK_DATABASE = "evalue_spark";

  @TempDir static Path tmp;
  EmbeddedDatabase server;
  final Side direct = new Side("direct");
  final Side spark = new Side("spark");

  /** One runner's world: options, warehouse, database, and what its runs reported. */
  final class Side {
    final String name;
    StorageOptions options;
    Warehouse warehouse;
    DataSource dataSource;
    JdbcSettings jdbc;
    IngestFilesPipeline.Report ingest;
    CompactionPipeline.Report compaction;
    final Map<Make, BatteryHealthPipeline.Report> pipelines = new TreeMap<>();
    double ingestSeconds;
    double compactSeconds;
    double pipelineSeconds;

    Side(String name) {
      this.name = name;
    }

    /** Its own warehouse, and its own database on the one server. */
    void start(String database, String... runnerArgs) {
      List<String> args = new ArrayList<>(List.of(runnerArgs));
      args.add("--warehouse=" + tmp.resolve(name + "/warehouse"));
      options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation()
          .as(StorageOptions.class);
      warehouse = Storage.configure(options);
      dataSource = dataSource(database);
      jdbc = new JdbcSettings("jdbc:postgresql://localhost:" + server.port() + "/" + database, server.user(),
          server.password());
    }

    void ingestAndCompact() {
      List<IngestFilesPipeline.Source> sources = new ArrayList<>();
      for (Make m : Make.values()) {
        sources.add(new IngestFilesPipeline.Source(m, tmp.resolve("sim/payloads/" + m.code()).toString()));
      }
      long t0 = System.nanoTime();
      ingest = IngestFilesPipeline.run(options, warehouse, sources, INGESTED, PipelineRun.Progress.SILENT);
      long t1 = System.nanoTime();
      compaction = CompactionPipeline.run(options, warehouse,
          new CompactionPipeline.Request(Arrays.asList(Make.values()), Optional.empty()), AFTER,
          PipelineRun.Progress.SILENT);
      long t2 = System.nanoTime();
      ingestSeconds = (t1 - t0) / 1e9;
      compactSeconds = (t2 - t1) / 1e9;
    }

    void runPipelines() {
      long t0 = System.nanoTime();
      for (Make m : Make.values()) {
        pipelines.put(m, BatteryHealthPipeline.run(options, warehouse, jdbc, dataSource,
            new BatteryHealthPipeline.Request(m, false, Optional.empty(), false, List.of()),
            AnalyticsConfig.defaults(), AFTER, PipelineRun.Progress.SILENT));
      }
      pipelineSeconds = (System.nanoTime() - t0) / 1e9;
    }

    List<String> files(String glob) {
      return warehouse.list(glob).stream().filter(COMPARED).toList();
    }
  }

  @BeforeAll
  void simulateAndRunBothRunners() throws Exception {
    long t0 = System.nanoTime();
    new FleetSimulator(new SimulationConfig(VEHICLES, DAYS, 7L, START, true, tmp.resolve("sim"))).run();
    long t1 = System.nanoTime();
    // One PostgreSQL server. The Spark side's database is a copy of the Direct side's, taken once it is migrated and
    // the fleet imported, so even the surrogate keys (vehicle ids, which the fleet_info fingerprints hash) agree.
    server = EmbeddedDatabase.start(tmp.resolve("postgres"), 0);
    DatabaseSetup.migrateAndSeed(server.dataSource());
    new FleetImport(server.dataSource()).importFile(tmp.resolve("sim/fleet.csv"));
    try (Connection c = dataSource("postgres").getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + SPARK_DATABASE + " TEMPLATE " + EmbeddedDatabase.DATABASE_NAME);
    }
    // The DirectRunner as the CLI runs it (StorageArgs): without the immutability/encodability test aids, which
    // the beam-pipelines tests keep on.
    direct.start(EmbeddedDatabase.DATABASE_NAME, "--runner=DirectRunner", "--enforceImmutability=false",
        "--enforceEncodability=false");
    spark.start(SPARK_DATABASE, "--runner=SparkRunner", "--sparkMaster=local[2]");
    long t2 = System.nanoTime();
    for (Side side : List.of(direct, spark)) {
      side.ingestAndCompact();
      side.runPipelines();
    }
    System.out.printf("runner parity, %d vehicles x %d days: simulate %.1f s, databases %.1f s; ingest direct %.1f s"
        + " / spark %.1f s, compact direct %.1f s / spark %.1f s, battery-health pipeline (8 makes) direct %.1f s"
        + " / spark %.1f s%n", VEHICLES, DAYS, (t1 - t0) / 1e9, (t2 - t1) / 1e9, direct.ingestSeconds,
        spark.ingestSeconds, direct.compactSeconds, spark.compactSeconds, direct.pipelineSeconds,
        spark.pipelineSeconds);
  }

  DataSource dataSource(String database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"localhost"});
    ds.setPortNumbers(new int[] {server.port()});
    ds.setDatabaseName(database);
    ds.setUser(server.user());
    return ds;
  }

  @AfterAll
  void stopDatabase() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void eachSideRanOnItsRunner() {
    assertEquals("DirectRunner", direct.options.getRunner().getSimpleName());
    assertEquals("SparkRunner", spark.options.getRunner().getSimpleName());
    assertEquals("local[2]", spark.options.as(SparkPipelineOptions.class).getSparkMaster());
  }

  @Test
  void ingestionAndCompactionArchiveTheSameRowsAndRejects() {
    assertTrue(direct.compaction.get("rowsWritten") > 1000, "archived rows: " + direct.compaction.counters());
    assertEquals(direct.ingest.counters(), spark.ingest.counters(), "ingestion counters");
    assertEquals(direct.compaction.counters(), spark.compaction.counters(), "compaction counters");
    assertEquals(direct.compaction.vehicleDays(), spark.compaction.vehicleDays());
    assertEquals(direct.compaction.tempObjectsDeleted(), spark.compaction.tempObjectsDeleted());
    assertSameFiles("compressed/**");
    assertSameFiles("dlq/**");
  }

  @Test
  void batteryHealthFilesAreIdenticalRowForRow() {
    long vins = direct.pipelines.values().stream().mapToLong(BatteryHealthPipeline.Report::vinsProcessed).sum();
    assertEquals(VEHICLES, vins, "every simulated VIN is processed");
    for (String dataset : List.of("raw_tss", "processed_tss", "raw_results", "processed_results", "state")) {
      assertSameFiles(dataset + "/**");
    }
  }

  @Test
  void pipelineReportsAndCountersAreTheSame() {
    for (Make m : Make.values()) {
      BatteryHealthPipeline.Report d = direct.pipelines.get(m);
      BatteryHealthPipeline.Report s = spark.pipelines.get(m);
      assertEquals(d.daysParsed(), s.daysParsed(), m + " days parsed");
      assertEquals(d.vinsProcessed(), s.vinsProcessed(), m + " VINs processed");
      assertEquals(0, s.vinsLeftDirty(), m + " VINs left dirty");
      assertEquals(d.counters(), s.counters(), m + " counters");
      assertEquals(d.fleetWarnings(), s.fleetWarnings(), m + " fleet warnings");
    }
  }

  @Test
  void vehicleDataRowsAreIdentical() throws Exception {
    String sql = "SELECT v.vin, d.* FROM vehicle_data d JOIN vehicle v ON v.id = d.vehicle_id"
        + " ORDER BY v.vin, d.\"timestamp\"";
    // Row ids (gen_random_uuid) and the row audit timestamps differ by construction; every other column is compared.
    Set<String> skip = Set.of("id", "created_at", "updated_at");
    List<String> d = rows(direct, sql, skip);
    List<String> s = rows(spark, sql, skip);
    assertTrue(d.size() >= VEHICLES, "weekly rows: " + d.size());
    assertSameRows("vehicle_data", d, s);
    String fits = "SELECT * FROM soh_temperature_fit ORDER BY make, model_name";
    assertSameRows("soh_temperature_fit", rows(direct, fits, skip), rows(spark, fits, skip));
  }

  /**
   * Both warehouses hold the same files under {@code glob}: Parquet files with the same rows in the same order and
   * the same key-value metadata, dead-letter objects with the same letters, other files with the same bytes.
   * Parquet bytes are not compared: parquet-mr writes each column chunk's encodings from a hash set of enums, whose
   * order can change from one JVM to the next, so equal rows are the contract (storage.md §1.5, pipeline.md §7.4),
   * not equal bytes.
   */
  void assertSameFiles(String glob) {
    List<String> paths = direct.files(glob);
    assertFalse(paths.isEmpty(), "no file matches " + glob);
    assertEquals(paths, spark.files(glob), "files under " + glob);
    for (String path : paths) {
      byte[] d = direct.warehouse.read(path);
      byte[] s = spark.warehouse.read(path);
      if (path.endsWith(".parquet")) {
        ParquetBytes.Contents dc = ParquetBytes.read(d);
        ParquetBytes.Contents sc = ParquetBytes.read(s);
        assertSameRows(path, dc.records().stream().map(Object::toString).toList(),
            sc.records().stream().map(Object::toString).toList());
        assertEquals(dc.metadata(), sc.metadata(), path + " key-value metadata");
      } else if (path.endsWith(".ndjson.gz")) {
        // Dead letters: the same letters; their order inside an object is not part of the contract (storage.md §8).
        assertSameRows(path, sortedLines(d), sortedLines(s));
      } else {
        assertTrue(Arrays.equals(d, s), path + ": different bytes");
      }
    }
  }

  static List<String> sortedLines(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertSameRows(String what, List<String> direct, List<String> spark) {
    for (int i = 0; i < Math.min(direct.size(), spark.size()); i++) {
      if (!direct.get(i).equals(spark.get(i))) {
        fail(what + ": row " + i + " differs\n  direct: " + direct.get(i) + "\n  spark:  " + spark.get(i));
      }
    }
    assertEquals(direct.size(), spark.size(), what + ": row count");
  }

  static List<String> rows(Side side, String sql, Set<String> skip) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = side.dataSource.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (!skip.contains(md.getColumnName(i))) {
            row.append(md.getColumnName(i)).append('=').append(rs.getString(i)).append(' ');
          }
        }
        out.add(row.toString().trim());
      }
    }
    return out;
  }
}
