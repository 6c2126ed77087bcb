package com.evalue.pipelines.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.db.DatabaseSetup;
import com.evalue.db.EmbeddedDatabase;
import com.evalue.db.fleet.FleetImport;
import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.TempBuffer;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.deadletter.DeadLetterFiles;
import com.evalue.io.pipeline.HealthFiles;
import com.evalue.io.pipeline.PipelineState;
import com.evalue.io.storage.Storage;
import com.evalue.io.storage.StorageOptions;
import com.evalue.io.storage.Warehouse;
import com.evalue.pipelines.common.PipelineRun;
import com.evalue.pipelines.compaction.CompactionPipeline;
import com.evalue.pipelines.ingest.IngestFilesPipeline;
import com.evalue.simulate.FleetSimulator;
import com.evalue.simulate.SimulationConfig;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.model.ContentHash;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulator → ingestion → compaction → battery-health pipeline → real PostgreSQL, on the DirectRunner: weekly rows
 * for every vehicle, dead letters with their reasons, incremental and idempotent reruns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatteryHealthEndToEndTest {
  static final LocalDate START = LocalDate.parse("2025-03-03");
  static final int DAYS = 15;
  static final Clock AFTER = Clock.fixed(START.plusDays(DAYS + 2).atTime(1, 0).toInstant(ZoneOffset.UTC),
      ZoneOffset.UTC);
  static final String BROKEN_VIN = "5YJ3E7EB9NF999999";

  @TempDir static Path tmp;
  EmbeddedDatabase db;
  DataSource ds;
  JdbcSettings jdbc;
  StorageOptions options;
  Warehouse warehouse;
  final Map<Make, BatteryHealthPipeline.Report> first = new HashMap<>();

  @BeforeAll
  void buildTheArchiveAndRunThePipeline() throws Exception {
    new FleetSimulator(new SimulationConfig(9, DAYS, 11L, START, true, tmp.resolve("sim"))).run();
    db = EmbeddedDatabase.start(tmp.resolve("pg"), 0);
    ds = db.dataSource();
    jdbc = new JdbcSettings(db.jdbcUrl(), db.user(), db.password());
    DatabaseSetup.migrateAndSeed(ds);
    new FleetImport(ds).importFile(tmp.resolve("sim/fleet.csv"));

    // The DirectRunner's immutability/encodability checks stay on in the transforms' own tests; here they would
    // only triple the run time of some thirty pipelines.
    options = PipelineOptionsFactory.fromArgs("--warehouse=" + tmp.resolve("wh"), "--enforceImmutability=false",
        "--enforceEncodability=false").as(StorageOptions.class);
    warehouse = Storage.configure(options);
    List<IngestFilesPipeline.Source> sources = new ArrayList<>();
    for (Make m : Make.values()) {
      sources.add(new IngestFilesPipeline.Source(m, tmp.resolve("sim/payloads/" + m.code()).toString()));
    }
    IngestFilesPipeline.run(options, warehouse, sources, Clock.systemUTC(), PipelineRun.Progress.SILENT);
    // A message that passed ingestion but whose payload cannot be decoded: raw_tss must dead-letter it.
    byte[] garbage = {0x0a, (byte) 0xff, 0x01, 0x02};
    Envelope broken = new Envelope(BROKEN_VIN, Make.TESLA, START.atTime(12, 0).toInstant(ZoneOffset.UTC),
        START.atTime(12, 1).toInstant(ZoneOffset.UTC), PayloadFormat.TESLA_PROTO, garbage, "test:0:1",
        ContentHash.sha256Hex(garbage));
    warehouse.write(ArchivePaths.tempObject(Make.TESLA, BROKEN_VIN, START, "test", 1L, 1),
        TempBuffer.encode(List.of(broken)));
    CompactionPipeline.run(options, warehouse, new CompactionPipeline.Request(Arrays.asList(Make.values()),
        Optional.empty()), AFTER, PipelineRun.Progress.SILENT);

    for (Make m : Make.values()) {
      first.put(m, run(m, false));
    }
  }

  @AfterAll
  void stop() {
    db.close();
  }

  BatteryHealthPipeline.Report run(Make make, boolean allVins) {
    return BatteryHealthPipeline.run(options, warehouse, jdbc, ds,
        new BatteryHealthPipeline.Request(make, false, Optional.empty(), allVins, List.of()),
        AnalyticsConfig.defaults(), AFTER, PipelineRun.Progress.SILENT);
  }

  @Test
  @Order(1)
  void everyVehicleGetsWeeklyRowsInPostgresAndAProcessedResultsFile() throws Exception {
    Map<String, Long> weeksByVin = query("SELECT v.vin, count(*) FROM vehicle_data d JOIN vehicle v"
        + " ON v.id = d.vehicle_id GROUP BY v.vin");
    assertEquals(9, weeksByVin.size(), "vehicles with weekly rows: " + weeksByVin);
    for (Map.Entry<String, Long> e : weeksByVin.entrySet()) {
      // 15 days from a Monday touch 4 ISO weeks (the last one by a single day); an offline vehicle may miss some.
      assertTrue(e.getValue() >= 2 && e.getValue() <= 4, e.toString());
    }
    long fileRows = 0;
    for (Make m : Make.values()) {
      for (String p : warehouse.list(HealthFiles.processedResultsGlob(m))) {
        if (!p.contains(BROKEN_VIN)) {
          fileRows += HealthFiles.decode(com.evalue.transforms.health.weekly.WeeklyHealth.COLUMNS,
              warehouse.read(p)).size();
        }
      }
      assertTrue(PipelineState.readDirty(warehouse, m).isEmpty(), "VINs left dirty for " + m);
    }
    assertEquals(weeksByVin.values().stream().mapToLong(Long::longValue).sum(), fileRows);
    Map<String, Long> estimated = query("SELECT v.vin, count(*) FROM vehicle_data d JOIN vehicle v"
        + " ON v.id = d.vehicle_id WHERE d.soh_estimated IS NOT NULL GROUP BY v.vin");
    assertFalse(estimated.isEmpty(), "no estimated SoH at all");
    Map<String, Long> ciOk = query("SELECT 'ok', count(*) FROM vehicle_data WHERE soh_estimated IS NOT NULL"
        + " AND soh_estimated_ci_low <= soh_estimated AND soh_estimated <= soh_estimated_ci_high");
    assertEquals(estimated.values().stream().mapToLong(Long::longValue).sum(), ciOk.getOrDefault("ok", 0L));
  }

  @Test
  @Order(2)
  void undecodablePayloadsAreDeadLetteredWithTheirReasonAndTheVinIsStillProcessed() {
    List<DeadLetter> letters = DeadLetterFiles.readAll(warehouse, "raw_tss", "tesla");
    assertEquals(1, letters.size(), letters.toString());
    assertEquals(BROKEN_VIN, letters.get(0).vin());
    assertFalse(letters.get(0).reason().isBlank());
    assertArrayEquals(new byte[] {0x0a, (byte) 0xff, 0x01, 0x02}, letters.get(0).original());
    assertEquals(1, first.get(Make.TESLA).get("pipeline.vin_not_in_db"));
    assertTrue(warehouse.exists(HealthFiles.processedResults(Make.TESLA, BROKEN_VIN)));
  }

  @Test
  @Order(3)
  void aRerunWithoutNewDataDoesNothing() {
    for (Make m : Make.values()) {
      BatteryHealthPipeline.Report again = run(m, false);
      assertEquals(0, again.daysParsed(), m.code());
      assertEquals(0, again.vinsProcessed(), m.code());
    }
  }

  @Test
  @Order(4)
  void recomputingEveryVinGivesIdenticalFilesAndRows() throws Exception {
    Map<String, byte[]> files = outputs();
    List<List<Object>> rows = vehicleData();
    for (Make m : List.of(Make.TESLA, Make.RENAULT, Make.MERCEDES_BENZ, Make.STELLANTIS)) {
      BatteryHealthPipeline.Report again = run(m, true);
      assertTrue(again.vinsProcessed() > 0, m.code());
      assertEquals(0, again.get("vehicle_data.rows_changed"), m.code());
      assertEquals(0, again.get("vehicle_data.rows_deleted"), m.code());
    }
    Map<String, byte[]> filesAfter = outputs();
    assertEquals(files.keySet(), filesAfter.keySet());
    files.forEach((k, v) -> assertArrayEquals(v, filesAfter.get(k), k));
    assertEquals(rows, vehicleData());
  }

  private Map<String, byte[]> outputs() {
    Map<String, byte[]> out = new HashMap<>();
    for (String prefix : List.of("processed_tss/**", "raw_results/**", "processed_results/**", "raw_tss/**")) {
      for (String p : warehouse.list(prefix)) {
        if (!p.contains("_progress")) {
          out.put(p, warehouse.read(p));
        }
      }
    }
    return out;
  }

  private List<List<Object>> vehicleData() throws Exception {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM vehicle_data ORDER BY vehicle_id, timestamp")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  private Map<String, Long> query(String sql) throws Exception {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
