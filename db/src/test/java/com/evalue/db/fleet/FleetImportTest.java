package com.evalue.db.fleet;

import static com.evalue.db.TestDatabases.count;
import static com.evalue.db.TestDatabases.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.evalue.db.DatabaseSetup;
import com.evalue.db.EmbeddedDatabase;
import com.evalue.db.TestDatabases;
import com.evalue.db.fleet.FleetImportReport.Rejection;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The fleet CSV import against the shipped catalogue; the tests build on each other in order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetImportTest {
  private static final String FLEET_CSV = String.join("\n",
      "VIN,Make,Model,Net_Capacity_kWh,Range_km,Fleet,Region,Start_Date,Colour",
      "5yj3e7eb2nf000001,tesla,Model 3,75.0,602,,,2024-01-15,red",     // 2: catalogue, by net capacity
      "VR3UHZKXZLT000002,stellantis,e-208,46.3,362,Leasing,Paris,,",    // 3: bare make code, brand from model
      "VF1AG000000000003,Renault,ZOE,52,,,,,",                          // 4: zoe r135 by capacity
      "YV1XZK9V0N2000004,volvo-cars,XC40 Recharge,75,418,Leasing,,,",   // 5
      "WMWXP3100L2000005,mini,Cooper SE,,,,,,",                         // 6: brand of another make code
      "KNACC81GFM5000006,kia,Ray EV,35.2,205,,,,",                      // 7: not in the catalogue → created
      "KNACC81GFM500000I,kia,EV6,,,,,,",                                // 8: I in VIN
      "WF0XXXGCDX0000008,skoda,Enyaq,,,,,,",                            // 9: unknown make
      "1234,ford,Puma Gen-E,,,,,,",                                     // 10: too short
      "VR3UHZKXZLT000002,peugeot,e-208,,,,,,",                          // 11: duplicate VIN
      "WF0XXXGCDX0000011,ford,Mustang Mach-E,91,,,,2024-13-01,",        // 12: bad date
      "WF0XXXGCDX0000012,ford,,,,,,,");                                 // 13: no model
  EmbeddedDatabase db;
  DataSource ds;
  FleetImportReport first;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    db = TestDatabases.start(dir.resolve("pg"));
    ds = db.dataSource();
    DatabaseSetup.migrateAndSeed(ds);
    Path csv = dir.resolve("fleet.csv");
    Files.writeString(csv, FLEET_CSV);
    first = new FleetImport(ds).importFile(csv);
  }

  @AfterAll
  void stop() {
    db.close();
  }

  @Test
  @Order(1)
  void loadsGoodRowsAndReportsBadOnesWithTheirLine() throws SQLException {
    assertEquals(List.of(12, 7, 0, 0, 1), List.of(first.rowsRead(), first.inserted(), first.updated(),
        first.unchanged(), first.modelsCreated()));
    assertEquals(List.of(
        new Rejection(8, "invalid VIN 'KNACC81GFM500000I'"),
        new Rejection(9, "unknown make 'skoda'"),
        new Rejection(10, "invalid VIN '1234'"),
        new Rejection(11, "duplicate VIN VR3UHZKXZLT000002 (first on line 3)"),
        new Rejection(12, "invalid start_date '2024-13-01' (expected YYYY-MM-DD)")), first.rejected());
    assertEquals(7L, count(ds, "SELECT count(*) FROM vehicle"));
  }

  @Test
  @Order(2)
  void matchesCatalogueModelsOnMakeCodeAndModelName() throws SQLException {
    assertEquals("model 3|long range awd|tesla|75.00", vehicle("5YJ3E7EB2NF000001"));
    assertEquals("e-208|50 kwh|peugeot|46.30", vehicle("VR3UHZKXZLT000002"));
    assertEquals("zoe|r135|renault|52.00", vehicle("VF1AG000000000003"));
    assertEquals("xc40 recharge|twin|volvo|75.00", vehicle("YV1XZK9V0N2000004"));
    assertEquals("cooper se|null|mini|28.90", vehicle("WMWXP3100L2000005"));
    assertEquals("null|null|ford|null", vehicle("WF0XXXGCDX0000012"));
    assertEquals("2024-01-15", scalar(ds, "SELECT start_date FROM vehicle WHERE vin = '5YJ3E7EB2NF000001'").toString());
  }

  @Test
  @Order(3)
  void createsAModelThatIsNotInTheCatalogue() throws SQLException {
    assertEquals("ray ev|null|kia|35.20", vehicle("KNACC81GFM5000006"));
    assertEquals(205, scalar(ds, "SELECT m.autonomy FROM vehicle v JOIN vehicle_model m ON m.id = v.vehicle_model_id"
        + " WHERE v.vin = 'KNACC81GFM5000006'"));
  }

  @Test
  @Order(4)
  void filesVehiclesUnderTheirFleetAndRegionWithDefaults() throws SQLException {
    assertEquals("EValue demo|Default fleet|Unknown", place("5YJ3E7EB2NF000001"));
    assertEquals("EValue demo|Leasing|Paris", place("VR3UHZKXZLT000002"));
    assertEquals("EValue demo|Leasing|Unknown", place("YV1XZK9V0N2000004"));
    assertEquals(1L, count(ds, "SELECT count(*) FROM company WHERE name = 'EValue demo'"));
  }

  @Test
  @Order(5)
  void reimportingTheSameFileChangesNothing() throws Exception {
    String before = snapshot();
    FleetImportReport again = new FleetImport(ds).importCsv(new StringReader(FLEET_CSV));
    assertEquals(List.of(12, 0, 0, 7, 0, 5), List.of(again.rowsRead(), again.inserted(), again.updated(),
        again.unchanged(), again.modelsCreated(), again.rejected().size()));
    assertEquals(before, snapshot());
  }

  @Test
  @Order(6)
  void aChangedRowUpdatesItsVehicle() throws Exception {
    FleetImportReport changed = new FleetImport(ds).importCsv(new StringReader(
        "vin,make,model,net_capacity_kwh\n5YJ3E7EB2NF000001,tesla,model 3,57.5\n"));
    assertEquals(List.of(0, 1, 0), List.of(changed.inserted(), changed.updated(), changed.unchanged()));
    assertEquals("model 3|rwd|tesla|57.50", vehicle("5YJ3E7EB2NF000001"));
    assertEquals("EValue demo|Default fleet|Unknown", place("5YJ3E7EB2NF000001"));
    assertEquals("2024-01-15", scalar(ds, "SELECT start_date FROM vehicle WHERE vin = '5YJ3E7EB2NF000001'").toString(),
        "a column the file does not carry keeps its value");
  }

  @Test
  @Order(7)
  void requiresTheVinAndMakeColumns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FleetImport(ds).importCsv(new StringReader("vin,model\nVF1AG000000000003,zoe\n")));
    assertEquals("Fleet CSV header must contain the columns vin and make, found: vin,model", e.getMessage());
  }

  @Test
  @Order(8)
  void aNamedCompanyGetsItsOwnFleets() throws Exception {
    new FleetImport(ds, "Acme Leasing").importCsv(new StringReader("vin,make\nVF1AG000000000099,dacia\n"));
    assertEquals("Acme Leasing|Default fleet|Unknown", place("VF1AG000000000099"));
    assertEquals(2L, count(ds, "SELECT count(*) FROM fleet WHERE fleet_name = 'Default fleet'"));
  }

  private String vehicle(String vin) throws SQLException {
    return (String) scalar(ds, "SELECT concat_ws('|', coalesce(m.model_name, 'null'), coalesce(m.type, 'null'),"
        + " coalesce(k.make_name, 'null'), coalesce(b.net_capacity::text, 'null')) FROM vehicle v"
        + " LEFT JOIN vehicle_model m ON m.id = v.vehicle_model_id LEFT JOIN battery b ON b.id = m.battery_id"
        + " LEFT JOIN make k ON k.id = v.make_id WHERE v.vin = '" + vin + "'");
  }

  private String place(String vin) throws SQLException {
    return (String) scalar(ds, "SELECT concat_ws('|', c.name, f.fleet_name, r.region_name) FROM vehicle v"
        + " JOIN fleet f ON f.id = v.fleet_id JOIN company c ON c.id = f.company_id"
        + " JOIN region r ON r.id = v.region_id WHERE v.vin = '" + vin + "'");
  }

  private String snapshot() throws SQLException {
    return (String) scalar(ds, "SELECT string_agg(concat_ws('|', id, vin, fleet_id, region_id, vehicle_model_id,"
        + " make_id, start_date, updated_at), ';' ORDER BY vin) FROM vehicle") + "/"
        + count(ds, "SELECT count(*) FROM vehicle_model") + "/" + count(ds, "SELECT count(*) FROM battery") + "/"
        + count(ds, "SELECT count(*) FROM fleet") + "/" + count(ds, "SELECT count(*) FROM region");
  }
}
