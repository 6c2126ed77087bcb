package com.evalue.db;

import static com.evalue.db.TestDatabases.count;
import static com.evalue.db.TestDatabases.execute;
import static com.evalue.db.TestDatabases.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.db.Migrations.MigrationResult;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** spec: schema.md §1–§5 against a real PostgreSQL 17. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationsTest {
  private static final Set<String> TABLES = Set.of("company", "oem", "make", "region", "fleet", "role", "app_user",
      "user_fleet", "asset", "battery", "vehicle_model", "vehicle", "vehicle_data", "vehicle_status",
      "vehicle_activation_history", "fleet_tesla_authentication_code", "trendline", "soh_temperature_fit",
      "reference_soh_observation", "fct_activation_metric", "report", "report_job", "api_user", "api_pricing_plan",
      "api_user_pricing", "api_call_log", "api_billing");

  EmbeddedDatabase db;
  DataSource ds;
  MigrationResult first;

  @BeforeAll
  void start(@TempDir Path dir) {
    db = TestDatabases.start(dir.resolve("pg"));
    ds = db.dataSource();
    assertNull(scalar0("SELECT to_regclass('public.vehicle')"), "the database starts empty");
    first = Migrations.migrate(ds);
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @Test
  void appliesOnAnEmptyDatabaseAndNothingTheSecondTime() {
    assertEquals(new MigrationResult(1, "1"), first);
    assertEquals(new MigrationResult(0, "1"), Migrations.migrate(db.jdbcUrl(), db.user(), db.password()));
  }

  @Test
  void createsEveryTableOfTheSchema() throws SQLException {
    Set<String> actual = strings("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'");
    assertEquals(new TreeSet<>(TABLES), actual);
    assertEquals(1L, count(ds, "SELECT count(*) FROM pg_class WHERE relname = 'invoice_number_seq' AND relkind = 'S'"));
    assertEquals(1L, count(ds, "SELECT count(*) FROM information_schema.columns"
        + " WHERE table_name = 'trendline' AND column_name = 'offset'"));
  }

  @Test
  void everyTableWithUpdatedAtHasItsTrigger() throws SQLException {
    Set<String> withUpdatedAt = strings("SELECT table_name FROM information_schema.columns"
        + " WHERE table_schema = 'public' AND column_name = 'updated_at'");
    Set<String> triggers = strings("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal");
    Set<String> expected = new TreeSet<>();
    withUpdatedAt.forEach(t -> expected.add("trg_" + t + "_updated_at"));
    assertEquals(expected, triggers);
    assertTrue(withUpdatedAt.size() >= 20, "most tables carry updated_at");
    Set<String> appendOnly = Set.of("vehicle_activation_history", "api_call_log", "report", "reference_soh_observation");
    appendOnly.forEach(t -> assertTrue(!withUpdatedAt.contains(t), t + " is append-only"));
  }

  // spec: schema.md §1.7
  @Test
  void everyForeignKeyColumnIsTheLeadingColumnOfAnIndex() throws SQLException {
    Set<String> unindexed = strings("SELECT c.conrelid::regclass || '.' || a.attname FROM pg_constraint c"
        + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
        + " WHERE c.contype = 'f' AND NOT EXISTS (SELECT 1 FROM pg_index i"
        + "   WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])");
    assertEquals(Set.of(), unindexed);
    assertEquals(36L, count(ds, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), "foreign keys of §2–§4");
  }

  @Test
  void foreignKeysRestrictUnlessMarkedCascade() throws SQLException {
    Set<String> cascades = strings("SELECT conrelid::regclass || '.' || confrelid::regclass FROM pg_constraint"
        + " WHERE contype = 'f' AND confdeltype = 'c'");
    assertEquals(Set.of("user_fleet.app_user", "user_fleet.fleet", "vehicle_data.vehicle", "vehicle_status.vehicle",
        "vehicle_activation_history.vehicle"), cascades);
    assertEquals(0L, count(ds, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confdeltype NOT IN ('c','r')"));
  }

  @Test
  void seedsTheReferenceRows() throws SQLException {
    assertEquals(Set.of("tesla", "bmw", "mercedes-benz", "renault", "volvo-cars", "ford", "kia", "stellantis"),
        strings("SELECT code FROM oem"));
    assertEquals(0L, count(ds, "SELECT count(*) FROM oem WHERE oem_name IS NULL OR oem_name = ''"));
    assertEquals("stellantis", brandOem("peugeot"));
    assertEquals("bmw", brandOem("mini"));
    assertEquals("mercedes-benz", brandOem("smart"));
    assertEquals("renault", brandOem("dacia"));
    assertEquals("volvo-cars", brandOem("volvo"));
    assertEquals("stellantis", brandOem("alfa romeo"));
    assertEquals(20L, count(ds, "SELECT count(*) FROM make"));
    assertEquals(1L, count(ds, "SELECT count(*) FROM role WHERE role_name = 'Admin'"));
    assertEquals(1L, count(ds, "SELECT count(*) FROM region WHERE region_name = 'Unknown'"));
    assertEquals(List.of(1000, 100, new BigDecimal("0.0100")), row("SELECT requests_limit, max_distinct_vins,"
        + " price_per_request FROM api_pricing_plan WHERE name = 'Plan Standard'"));
  }

  @Test
  void weeklyRowsAreUniquePerVehicleAndWeekAndStartOnMonday() throws SQLException {
    String vehicle = insertVehicle("VF1AG000000000001");
    execute(ds, "INSERT INTO vehicle_data (vehicle_id, \"timestamp\") VALUES ('" + vehicle + "', '2025-06-02')");
    assertState("23505", "INSERT INTO vehicle_data (vehicle_id, \"timestamp\") VALUES ('" + vehicle + "', '2025-06-02')");
    assertState("23514", "INSERT INTO vehicle_data (vehicle_id, \"timestamp\") VALUES ('" + vehicle + "', '2025-06-03')");
    execute(ds, "DELETE FROM vehicle WHERE id = '" + vehicle + "'");
    assertEquals(0L, count(ds, "SELECT count(*) FROM vehicle_data"), "vehicle_data cascades with its vehicle");
  }

  @Test
  void vinIsUniqueAndHealthScoreIsAToE() throws SQLException {
    insertVehicle("WBA00000000000002");
    assertState("23505", vehicleInsert("WBA00000000000002"));
    assertState("23514", "UPDATE vehicle SET health_score = 'F' WHERE vin = 'WBA00000000000002'");
  }

  @Test
  void updatedAtTriggerStampsEveryUpdate() throws SQLException {
    execute(ds, "INSERT INTO company (name, updated_at) VALUES ('Trigger Co', '2000-01-01T00:00:00Z')");
    execute(ds, "UPDATE company SET description = 'changed' WHERE name = 'Trigger Co'");
    assertEquals(1L, count(ds, "SELECT count(*) FROM company WHERE name = 'Trigger Co'"
        + " AND updated_at > now() - interval '1 minute' AND created_at <= updated_at"));
  }

  @Test
  void vehicleModelIdentityTreatsNullsAsEqual() throws SQLException {
    String insert = "INSERT INTO vehicle_model (model_name, oem_id) SELECT 'null test', id FROM oem WHERE code = 'kia'";
    execute(ds, insert);
    assertState("23505", insert);
    execute(ds, "INSERT INTO vehicle_model (model_name, oem_id, evdb_model_id)"
        + " SELECT 'null test', id, 1 FROM oem WHERE code = 'kia'"); // differs by evdb_model_id: allowed
    assertState("23505", "INSERT INTO trendline (scope, source, band, a, b, \"offset\", fitted_at)"
        + " VALUES ('oem', 'oem', 'mean', 1, 1, 1, now()), ('oem', 'oem', 'mean', 2, 2, 1, now())");
  }

  @Test
  void restrictsDeletingReferencedRowsAndChecksEnumerations() throws SQLException {
    assertState("23503", "DELETE FROM oem WHERE code = 'stellantis'");
    assertState("23514", "INSERT INTO asset (public_url, type) VALUES ('http://x', 'logos')");
    assertState("23514", "INSERT INTO api_user_pricing (user_id, pricing_plan_id, effective_date, expiration_date)"
        + " VALUES (gen_random_uuid(), gen_random_uuid(), '2025-02-01', '2025-01-01')");
  }

  private String insertVehicle(String vin) throws SQLException {
    execute(ds, vehicleInsert(vin));
    return scalar(ds, "SELECT id FROM vehicle WHERE vin = '" + vin + "'").toString();
  }

  private String vehicleInsert(String vin) throws SQLException {
    if (count(ds, "SELECT count(*) FROM fleet WHERE fleet_name = 'Test fleet'") == 0) {
      execute(ds, "INSERT INTO company (name) VALUES ('Test Co')");
      execute(ds, "INSERT INTO fleet (fleet_name, company_id) SELECT 'Test fleet', id FROM company WHERE name = 'Test Co'");
    }
    return "INSERT INTO vehicle (vin, fleet_id, region_id) SELECT '" + vin + "', f.id, r.id"
        + " FROM fleet f, region r WHERE f.fleet_name = 'Test fleet' AND r.region_name = 'Unknown'";
  }

  private void assertState(String sqlState, String sql) {
    SQLException e = assertThrows(SQLException.class, () -> execute(ds, sql), sql);
    assertEquals(sqlState, e.getSQLState(), e.getMessage());
  }

  private String brandOem(String brand) throws SQLException {
    return (String) scalar(ds, "SELECT o.code FROM make m JOIN oem o ON o.id = m.oem_id WHERE m.make_name = '" + brand + "'");
  }

  private Object scalar0(String sql) {
    try {
      return scalar(ds, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Set<String> strings(String sql) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private List<Object> row(String sql) throws SQLException {
    List<Object> out = new ArrayList<>();
    try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getObject(i));
      }
    }
    return out;
  }
}
