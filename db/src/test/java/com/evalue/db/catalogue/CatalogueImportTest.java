package com.evalue.db.catalogue;

import static com.evalue.db.TestDatabases.count;
import static com.evalue.db.TestDatabases.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.db.DatabaseSetup;
import com.evalue.db.EmbeddedDatabase;
import com.evalue.db.TestDatabases;
import com.sun.net.httpserver.HttpServer;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spec: schema.md §6 — the model-catalogue import, with the catalogue shipped in the repository. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogueImportTest {
  EmbeddedDatabase db;
  DataSource ds;
  DatabaseSetup.SetupSummary setup;

  @BeforeAll
  void start(@TempDir Path dir) {
    db = TestDatabases.start(dir.resolve("pg"));
    ds = db.dataSource();
    setup = DatabaseSetup.migrateAndSeed(ds);
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @Test
  void migrateAndSeedImportsTheShippedCatalogue() throws SQLException {
    CatalogueReport report = setup.catalogue();
    assertEquals(1, setup.migration().applied());
    assertTrue(report.read() >= 30, "at least 30 models shipped: " + report);
    assertEquals(report.read(), report.created(), report.toString());
    assertEquals(0, report.skipped(), report.toString());
    assertEquals(report.read(), count(ds, "SELECT count(*) FROM vehicle_model WHERE evdb_model_id >= 900000"));
  }

  @Test
  void everyMakeHasAModelWithANetCapacity() throws SQLException {
    assertEquals(0L, count(ds, "SELECT count(*) FROM oem o WHERE NOT EXISTS (SELECT 1 FROM vehicle_model m"
        + " JOIN battery b ON b.id = m.battery_id WHERE m.oem_id = o.id AND b.net_capacity > 0)"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(nullValues = "NULL", value = {
      "tesla,         model 3,        long range awd,              75.0, 602",
      "tesla,         model y,        long range awd,              75.0, 533",
      "bmw,           i4,             edrive40,                    80.7, 590",
      "mini,          cooper se,      NULL,                        28.9, 234",
      "mercedes-benz, eqa,            250,                         66.5, 426",
      "mercedes-benz, eqc,            400 4matic,                  80.0, 437",
      "renault,       zoe,            r135,                        52.0, 386",
      "renault,       megane e-tech,  ev60,                        60.0, 470",
      "volvo,         xc40 recharge,  twin,                        75.0, 418",
      "volvo,         ex30,           single motor extended range, 64.0, 476",
      "ford,          mustang mach-e, extended range rwd,          91.0, 600",
      "ford,          puma gen-e,     NULL,                        43.0, 376",
      "kia,           ev6,            long range 2wd,              77.4, 528",
      "kia,           niro ev,        64 kwh,                      64.8, 460",
      "peugeot,       e-208,          50 kwh,                      46.3, 362",
      "fiat,          500e,           42 kwh,                      37.3, 321"})
  void shipsTheModelsTheSimulatorUses(String brand, String model, String type, String netKwh, int wltpKm)
      throws SQLException {
    Object[] found = row("SELECT b.net_capacity, m.autonomy FROM vehicle_model m JOIN make k ON k.id = m.make_id"
        + " JOIN battery b ON b.id = m.battery_id WHERE k.make_name = '" + brand + "' AND m.model_name = '" + model
        + "' AND m.type IS NOT DISTINCT FROM " + (type == null ? "NULL" : "'" + type + "'"));
    assertEquals(0, new BigDecimal(netKwh).compareTo((BigDecimal) found[0]), brand + " " + model);
    assertEquals(wltpKm, found[1]);
  }

  // spec: schema.md §6.4 — lower-case names, Wh/km ÷ 10, MM-YYYY → first day of the month, make and OEM
  @Test
  void mapsTheFeedFields() throws SQLException {
    Object[] m3 = row("SELECT m.expected_consumption, m.commissioning_date, m.end_of_life_date, m.warranty_date,"
        + " m.warranty_km, b.capacity, b.battery_chemistry, o.code, k.make_name FROM vehicle_model m"
        + " JOIN battery b ON b.id = m.battery_id JOIN oem o ON o.id = m.oem_id JOIN make k ON k.id = m.make_id"
        + " WHERE m.evdb_model_id = 900003");
    assertEquals(new BigDecimal("15.30"), m3[0]);
    assertEquals(java.sql.Date.valueOf(LocalDate.of(2021, 11, 1)), m3[1]);
    assertEquals(java.sql.Date.valueOf(LocalDate.of(2023, 10, 1)), m3[2]);
    assertEquals(List.of(8, 192000, new BigDecimal("82.00"), "NMC", "tesla", "tesla"),
        List.of(m3[3], m3[4], m3[5], m3[6], m3[7], m3[8]));
    assertEquals("bmw", scalar(ds, "SELECT o.code FROM vehicle_model m JOIN oem o ON o.id = m.oem_id"
        + " JOIN make k ON k.id = m.make_id WHERE k.make_name = 'mini' AND m.model_name = 'cooper se'"));
  }

  // spec: schema.md §6.5
  @Test
  void zoeTypeIsTheRatingTokenAndTheRestIsTheVersion() throws SQLException {
    assertEquals(List.of("r135", "ZE50"), List.of(row("SELECT type, version FROM vehicle_model WHERE evdb_model_id = 900301")));
    assertEquals(List.of("r110", "ZE40"), List.of(row("SELECT type, version FROM vehicle_model WHERE evdb_model_id = 900302")));
  }

  // spec: schema.md §6.3 — identical battery specifications share one battery row
  @Test
  void modelsWithTheSameBatteryShareIt() throws SQLException {
    assertEquals(1L, count(ds, "SELECT count(DISTINCT battery_id) FROM vehicle_model WHERE evdb_model_id IN (900201, 900203)"));
    assertEquals(2L, count(ds, "SELECT count(DISTINCT battery_id) FROM vehicle_model WHERE evdb_model_id IN (900003, 900004)"));
  }

  // spec: schema.md §6.6
  @Test
  void rerunChangesNothing() throws SQLException {
    long models = count(ds, "SELECT count(*) FROM vehicle_model");
    long batteries = count(ds, "SELECT count(*) FROM battery");
    Object stamp = scalar(ds, "SELECT max(updated_at) FROM vehicle_model");
    CatalogueReport again = CatalogueImport.importBundled(ds);
    assertEquals(new CatalogueReport(again.read(), 0, 0, again.read(), 0, Map.of(), 0), again);
    assertEquals(models, count(ds, "SELECT count(*) FROM vehicle_model"));
    assertEquals(batteries, count(ds, "SELECT count(*) FROM battery"));
    assertEquals(stamp, scalar(ds, "SELECT max(updated_at) FROM vehicle_model"));
  }

  // spec: schema.md §6.1–§6.4 — a JSON feed from a file: group mappings, skipped brands, updates, NCM → NMC
  @Test
  void importsAJsonFeedFile(@TempDir Path tmp) throws Exception {
    Path feed = tmp.resolve("feed.json");
    Files.writeString(feed, """
        [ {"Vehicle_ID": 1001, "Vehicle_Make": "Smart", "Vehicle_Model": "#3", "Vehicle_Model_Version": "Pro",
           "Range_WLTP": 455, "Battery_Capacity_Useable": 62.0, "Battery_Chemistry": "ncm 811",
           "Efficiency_Consumption_Real": 171.5, "Availability_Date_From": "09-2023", "Range_Real_WCty": 380},
          {"Vehicle_ID": 1002, "Vehicle_Make": "Lexus", "Vehicle_Model": "UX 300e", "Range_WLTP": 315},
          {"Vehicle_ID": 1003, "Vehicle_Make": "Citroën", "Vehicle_Model": "ë-Berlingo", "Range_WLTP": "abc"},
          {"Vehicle_Make": "Kia", "Vehicle_Model": "EV5"} ]""");
    CatalogueImport importer = new CatalogueImport(ds);
    CatalogueReport first = importer.importFrom(feed.toString());
    assertEquals(List.of(4, 1, 0, 0, 3), List.of(first.read(), first.created(), first.updated(), first.unchanged(),
        first.skipped()));
    assertEquals(Map.of("brand 'lexus' maps to no supported OEM", 1, "invalid Range_WLTP 'abc'", 1,
        "missing Vehicle_ID", 1), first.skippedReasons());
    Object[] smart = row("SELECT k.make_name, o.code, m.type, m.expected_consumption, b.battery_chemistry,"
        + " m.autonomy_city_winter FROM vehicle_model m JOIN make k ON k.id = m.make_id"
        + " JOIN oem o ON o.id = m.oem_id JOIN battery b ON b.id = m.battery_id WHERE m.evdb_model_id = 1001");
    assertEquals(List.of("smart", "mercedes-benz", "pro", new BigDecimal("17.15"), "NMC", 380), List.of(smart));

    Files.writeString(feed, Files.readString(feed).replace("455", "460"));
    CatalogueReport second = importer.importFrom(feed.toString());
    assertEquals(List.of(0, 1, 0), List.of(second.created(), second.updated(), second.unchanged()));
    assertEquals(460, scalar(ds, "SELECT autonomy FROM vehicle_model WHERE evdb_model_id = 1001"));
    CatalogueReport third = importer.importFrom(feed.toString());
    assertEquals(List.of(0, 0, 1), List.of(third.created(), third.updated(), third.unchanged()));
  }

  // spec: schema.md §6.1 — {catalogue.url} over http(s), here a CSV served by a local HTTP server
  @Test
  void importsFromAnHttpUrl() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] csv = ("Vehicle_ID,Vehicle_Make,Vehicle_Model,Vehicle_Model_Version,Battery_Capacity_Useable,Range_WLTP\n"
        + "2001,Opel,Frontera Electric,44 kWh,43.0,305\n").getBytes(StandardCharsets.UTF_8);
    server.createContext("/models.csv", exchange -> {
      exchange.sendResponseHeaders(200, csv.length);
      exchange.getResponseBody().write(csv);
      exchange.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      CatalogueReport report = new CatalogueImport(ds).importFrom(base + "/models.csv");
      assertEquals(List.of(1, 1), List.of(report.read(), report.created()));
      assertEquals("stellantis", scalar(ds, "SELECT o.code FROM vehicle_model m JOIN oem o ON o.id = m.oem_id"
          + " WHERE m.evdb_model_id = 2001 AND m.model_name = 'frontera electric' AND m.type = '44 kwh'"));
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> new CatalogueImport(ds).importFrom(base + "/missing.json"));
      assertEquals("Cannot read model catalogue " + base + "/missing.json: HTTP 404", e.getMessage());
    } finally {
      server.stop(0);
    }
  }

  private Object[] row(String sql) throws SQLException {
    try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), "no row for " + sql);
      Object[] out = new Object[rs.getMetaData().getColumnCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = rs.getObject(i + 1);
      }
      assertTrue(!rs.next(), "more than one row for " + sql);
      return out;
    }
  }
}
