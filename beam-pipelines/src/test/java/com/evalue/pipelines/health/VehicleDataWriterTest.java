package com.evalue.pipelines.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.evalue.db.DatabaseSetup;
import com.evalue.db.EmbeddedDatabase;
import com.evalue.io.jdbc.VehicleDataWriter;
import com.evalue.io.jdbc.VehicleDataWriter.Week;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vehicle_data write contract of spec/storage.md §7 against a real, migrated PostgreSQL. */
class VehicleDataWriterTest {
  @TempDir static Path dir;
  static EmbeddedDatabase db;
  static DataSource ds;
  static final LocalDate MONDAY = LocalDate.parse("2025-01-06");

  @BeforeAll
  static void start() {
    db = EmbeddedDatabase.start(dir.resolve("pg"), 0);
    ds = db.dataSource();
    DatabaseSetup.migrateAndSeed(ds);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  static UUID vehicle(String vin) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO company (name) VALUES ('c-" + vin + "')");
      s.execute("INSERT INTO fleet (fleet_name, company_id) SELECT 'f', id FROM company WHERE name = 'c-" + vin + "'");
      s.execute("INSERT INTO vehicle (fleet_id, region_id, vin) SELECT f.id, r.id, '" + vin + "' FROM fleet f"
          + " JOIN company c ON c.id = f.company_id AND c.name = 'c-" + vin + "', region r"
          + " WHERE r.region_name = 'Unknown'");
      try (ResultSet rs = s.executeQuery("SELECT id FROM vehicle WHERE vin = '" + vin + "'")) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  static Week week(int i, double soh) {
    Map<String, Object> v = new HashMap<>();
    v.put("odometer", 10_000.0 + i);
    v.put("soh_estimated", soh);
    v.put("soh_estimated_n", 3);
    v.put("soh_method", "dc_energy");
    v.put("level_1", 0.25);
    v.put("timestamp_last_data_collected", Instant.parse("2025-01-08T10:00:00Z").plusSeconds(604_800L * i));
    return new Week(MONDAY.plusWeeks(i), v);
  }

  static List<Object[]> rows(UUID vehicle) throws Exception {
    List<Object[]> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT timestamp, soh_estimated, updated_at, odometer FROM vehicle_data"
            + " WHERE vehicle_id = '" + vehicle + "' ORDER BY timestamp")) {
      while (rs.next()) {
        out.add(new Object[] {rs.getDate(1).toLocalDate(), rs.getBigDecimal(2), rs.getTimestamp(3),
            rs.getBigDecimal(4)});
      }
    }
    return out;
  }

  @Test
  void upsertsRoundsHalfUpAndLeavesUnchangedRowsUntouched() throws Exception {
    UUID v = vehicle("WBY8P210X07K00001");
    VehicleDataWriter.Outcome first = VehicleDataWriter.write(ds, v,
        List.of(week(0, 0.98765), week(1, 0.97), week(2, 0.96)));
    assertEquals(3, first.upserted());
    List<Object[]> before = rows(v);
    assertEquals(new BigDecimal("0.9877"), before.get(0)[1]);
    assertEquals(new BigDecimal("10000.00"), before.get(0)[3]);

    VehicleDataWriter.Outcome rerun = VehicleDataWriter.write(ds, v,
        List.of(week(0, 0.98765), week(1, 0.97), week(2, 0.96)));
    assertEquals(0, rerun.upserted());
    assertEquals(0, rerun.deleted());
    List<Object[]> after = rows(v);
    for (int i = 0; i < 3; i++) {
      assertEquals(before.get(i)[2], after.get(i)[2], "updated_at of an unchanged week");
    }
  }

  @Test
  void deletesWeeksThatAreNoLongerProducedAndNullsValuesThatDoNotFit() throws Exception {
    UUID v = vehicle("WBY8P210X07K00002");
    VehicleDataWriter.write(ds, v, List.of(week(0, 0.99), week(1, 0.98), week(2, 0.97)));
    VehicleDataWriter.Outcome o = VehicleDataWriter.write(ds, v, List.of(week(0, 0.99), week(2, 12.5)));
    assertEquals(1, o.deleted());
    assertEquals(1, o.nulledOutOfRange());
    List<Object[]> rows = rows(v);
    assertEquals(List.of(MONDAY, MONDAY.plusWeeks(2)), rows.stream().map(r -> r[0]).toList());
    assertNull(rows.get(1)[1]);
  }

  @Test
  void splitsLargeHistoriesIntoStatementsOfAtMostAThousandRows() throws Exception {
    UUID v = vehicle("WBY8P210X07K00003");
    List<Week> weeks = new ArrayList<>();
    for (int i = 0; i < 1_234; i++) {
      weeks.add(week(i, 0.95));
    }
    assertEquals(1_234, VehicleDataWriter.write(ds, v, weeks).upserted());
    assertEquals(1_234, rows(v).size());
    assertEquals(Map.of("WBY8P210X07K00003", v),
        VehicleDataWriter.vehicleIds(ds, List.of("WBY8P210X07K00003", "WBY8P210X07K99999")));
  }
}
