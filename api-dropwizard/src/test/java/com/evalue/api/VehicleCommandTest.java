package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.core.OrderDates;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §5.2 with the rules of activation.md §3–4. */
@ExtendWith(DropwizardExtensionsSupport.class)
class VehicleCommandTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static Fixtures fx;
  static Http http;
  static Fixtures.Account account;
  static Fixtures.Account other;
  static String token;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    account = fx.account();
    other = fx.account();
    token = Session.token(http, account.apiKey());
  }

  static Map<String, Object> order(String vin, String make, String model, String type, Boolean estimated,
      Boolean oem) {
    Map<String, Object> vehicle = Http.obj("vin", vin, "make", make);
    if (model != null) {
      vehicle.put("model", model);
    }
    if (type != null) {
      vehicle.put("type", type);
    }
    Map<String, Object> o = Http.obj("vehicle", vehicle);
    if (estimated != null || oem != null) {
      o.put("activation", Http.obj("request_soh_estimated", estimated, "request_soh_oem", oem));
    }
    return o;
  }

  static JsonNode post(String path, UUID fleet, List<Map<String, Object>> orders) {
    Http.Reply r = http.post("/v1/vehicle-command/" + path, Http.obj("fleet_id", fleet.toString(),
        "activation_orders", orders), token);
    assertEquals(200, r.status(), r.toString());
    return r.json().get("vehicles");
  }

  static Map<String, Object> row(String vin) {
    return fx.jdbi().withHandle(h -> h.createQuery("""
        SELECT v.*, r.region_name, m.make_name FROM vehicle v JOIN region r ON r.id = v.region_id
        LEFT JOIN make m ON m.id = v.make_id WHERE v.vin = :vin""").bind("vin", vin).mapToMap().one());
  }

  static long history(String vin, String message) {
    return fx.count("SELECT count(*) FROM vehicle_activation_history h JOIN vehicle v ON v.id = h.vehicle_id"
        + " WHERE v.vin = ? AND h.activation_status_message = ?", vin, message);
  }

  @Nested
  class Catalogue {
    @Test
    void makesOfSupportedOems() {
      JsonNode makes = http.get("/v1/vehicle-command/makes", token).json().get("makes");
      Map<String, JsonNode> byName = new java.util.HashMap<>();
      makes.forEach(m -> byName.put(m.get("make_name").asText(), m));
      assertTrue(byName.keySet().containsAll(List.of("tesla", "mini", "kia", "peugeot", "volvo")));
      assertNull(byName.get("tesla").get("make_conditions").textValue());
      assertTrue(byName.get("tesla").get("soh_estimated").asBoolean());
      assertFalse(byName.get("tesla").get("soh_readout").asBoolean());
      assertEquals("Model & type required", byName.get("kia").get("make_conditions").asText());
      assertTrue(byName.get("kia").get("soh_readout").asBoolean());
      assertTrue(byName.get("kia").get("soh_estimated").asBoolean());
      assertTrue(byName.get("mini").get("soh_readout").asBoolean());
      assertFalse(byName.get("mini").get("soh_estimated").asBoolean());
    }

    @Test
    void modelsOfAMake() {
      String teslaId = fx.jdbi().withHandle(h -> h.createQuery("SELECT id::text FROM make WHERE make_name = 'tesla'")
          .mapTo(String.class).one());
      JsonNode models = http.get("/v1/vehicle-command/" + teslaId + "/models", token).json().get("models");
      assertTrue(models.size() >= 8);
      JsonNode m = models.get(0);
      for (String f : List.of("model_id", "model_name", "type", "version", "battery_capacity")) {
        assertTrue(m.has(f), f);
      }
      assertEquals(404, http.get("/v1/vehicle-command/" + UUID.randomUUID() + "/models", token).status());
      assertEquals(400, http.get("/v1/vehicle-command/not-a-uuid/models", token).status());
    }

    @Test
    void eligibleModelsHaveAMakeAndABatteryAndFilter() {
      UUID noBattery = fx.jdbi().withHandle(h -> h.createQuery("""
          INSERT INTO vehicle_model (model_name, oem_id, make_id)
          SELECT :n, o.id, m.id FROM make m JOIN oem o ON o.id = m.oem_id WHERE m.make_name = 'kia'
          RETURNING id""").bind("n", fx.unique("nobattery")).mapTo(UUID.class).one());
      Http.Reply all = http.get("/v1/vehicle-command/eligible-models", token);
      assertEquals(200, all.status());
      assertTrue(all.json().isArray());
      assertFalse(all.body().contains(noBattery.toString()));
      JsonNode first = all.json().get(0);
      for (String f : List.of("model_id", "make", "model_name", "model_type", "commissioning_date",
          "end_of_life_date", "has_flash_soh", "has_oem_soh", "has_estimated_soh")) {
        assertTrue(first.has(f), f);
      }
      fx.execute("UPDATE vehicle_model SET soh_data = true WHERE evdb_model_id = 900003");
      JsonNode estimated = http.get("/v1/vehicle-command/eligible-models?has_estimated_soh=true", token).json();
      assertTrue(estimated.size() >= 1);
      estimated.forEach(m -> assertTrue(m.get("has_estimated_soh").asBoolean()));
      assertEquals(422, http.get("/v1/vehicle-command/eligible-models?has_oem_soh=maybe", token).status());
    }
  }

  @Nested
  class OrderSohReport {
    @Test
    void aNewVinIsCreatedWithTheStandardWindow() {
      String vin = Fixtures.vin("5YJ3");
      JsonNode result = post("order-soh-report", account.fleet(),
          List.of(order(" " + vin.toLowerCase() + " ", "Tesla", "Model 3", "Long Range AWD", true, null))).get(0);
      assertEquals(vin, result.get("vin").asText());
      assertTrue(result.get("status").asBoolean());
      assertEquals("ACTIVATION REQUESTED", result.get("message").asText());
      Map<String, Object> v = row(vin);
      assertEquals(account.fleet(), v.get("fleet_id"));
      assertEquals("Unknown", v.get("region_name"));
      assertEquals("tesla", v.get("make_name"));
      assertNotNull(v.get("vehicle_model_id"));
      assertEquals(true, v.get("activation_requested_status"));
      assertEquals(false, v.get("activation_status"));
      assertEquals(true, v.get("requested_soh_estimated"));
      assertEquals(false, v.get("requested_soh_oem"));
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      assertEquals(java.sql.Date.valueOf(today), v.get("activation_start_date"));
      assertEquals(java.sql.Date.valueOf(OrderDates.orderEndDate(today, true)), v.get("activation_end_date"));
      assertEquals(1, history(vin, "ACTIVATION REQUESTED"));
      String model = fx.jdbi().withHandle(h -> h.createQuery("SELECT model_name || '/' || type FROM vehicle_model"
          + " WHERE id = :id").bind("id", v.get("vehicle_model_id")).mapTo(String.class).one());
      assertEquals("model 3/long range awd", model);
    }

    @Test
    void existingVehicles() {
      String active = Fixtures.vin();
      fx.activatedVehicle(account.fleet(), active);
      fx.execute("UPDATE vehicle SET is_processed = true WHERE vin = ?", active);
      String inactive = Fixtures.vin();
      fx.vehicle(account.fleet(), inactive, false, true, "tesla");
      JsonNode results = post("order-soh-report", account.fleet(), List.of(
          order(active, "tesla", null, null, true, false), order(inactive, "tesla", null, null, true, false)));
      assertEquals("ALREADY ACTIVATED", results.get(0).get("message").asText());
      assertEquals(false, row(active).get("is_processed"));
      assertEquals(1, history(active, "ALREADY ACTIVATED"));
      assertEquals("ACTIVATION REQUESTED", results.get(1).get("message").asText());
      assertEquals(true, row(inactive).get("activation_requested_status"));
    }

    @Test
    void rejectionsChangeNothing() {
      String foreign = Fixtures.vin();
      fx.vehicle(other.fleet(), foreign, false, true, "tesla");
      String stellantisX = "VF3ABCDXE12345678";
      List<Map<String, Object>> orders = new ArrayList<>(List.of(
          order(Fixtures.vin(), "Trabant", null, null, true, null),
          order(stellantisX, "Peugeot", "e-208", "50 kWh", null, true),
          order(Fixtures.vin(), "kia", "EV6", null, true, true),
          order(Fixtures.vin(), "tesla", null, null, null, null),
          order(Fixtures.vin(), "mini", null, null, true, false),
          order(foreign, "tesla", null, null, true, null)));
      JsonNode r = post("order-soh-report", account.fleet(), orders);
      assertEquals("Make 'Trabant' not found in database", r.get(0).get("message").asText());
      assertEquals("Stellantis vehicles with 'X' as 8th VIN character are not supported (no SoH available)",
          r.get(1).get("message").asText());
      assertEquals("Model and type are required for make 'kia'", r.get(2).get("message").asText());
      assertEquals("No SoH requested in the request", r.get(3).get("message").asText());
      assertEquals("Requested SoH is not available for make 'mini'", r.get(4).get("message").asText());
      assertEquals("VIN belongs to another fleet", r.get(5).get("message").asText());
      r.forEach(x -> assertFalse(x.get("status").asBoolean()));
      assertEquals(0, fx.count("SELECT count(*) FROM vehicle WHERE vin = ?", stellantisX));
      assertEquals(other.fleet(), row(foreign).get("fleet_id"));
      assertEquals(false, row(foreign).get("activation_requested_status"));
    }

    @Test
    void accentsInTheMakeAndUnmappedModels() {
      String vin = Fixtures.vin();
      JsonNode r = post("order-soh-report", account.fleet(),
          List.of(order(vin, " Citroën ", "Zyx 9000", "Nothing", false, true))).get(0);
      assertTrue(r.get("status").asBoolean(), r.toString());
      assertTrue(r.get("warning").asText().contains("Zyx 9000"));
      assertNull(row(vin).get("vehicle_model_id"));
      assertEquals("citroen", row(vin).get("make_name"));
      // OEM SoH only: the window ends on the last day of the month minus one (or of the next)
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      assertEquals(java.sql.Date.valueOf(OrderDates.orderEndDate(today, false)), row(vin).get("activation_end_date"));
    }

    @Test
    void anotherFleetIs403EvenWithAnInvalidBody() {
      Http.Reply r = http.post("/v1/vehicle-command/order-soh-report", Http.obj("fleet_id", other.fleet().toString(),
          "activation_orders", List.of()), token);
      assertEquals(403, r.status());
      assertEquals("User not allowed to access this fleet", r.json().get("message").asText());
    }

    @Test
    void invalidBodiesAre422() {
      List<Map<String, Object>> tooMany = new ArrayList<>();
      for (int i = 0; i < 501; i++) {
        tooMany.add(order(Fixtures.vin(), "tesla", null, null, true, null));
      }
      Map<String, Object> longComment = order(Fixtures.vin(), "tesla", null, null, true, null);
      longComment.put("comment", "x".repeat(501));
      Map<String, Object> badDates = order(Fixtures.vin(), "tesla", null, null, true, null);
      badDates.put("activation", Http.obj("request_soh_estimated", true, "start_date", "2025-06-10",
          "end_date", "2025-06-01"));
      Map<String, Object> unparsable = order(Fixtures.vin(), "tesla", null, null, true, null);
      unparsable.put("activation", Http.obj("request_soh_estimated", true, "start_date", "31/31/2025"));
      for (List<Map<String, Object>> orders : List.of(List.<Map<String, Object>>of(), tooMany,
          List.of(order("5YJ3E1EA1KF00000I", "tesla", null, null, true, null)), List.of(longComment),
          List.of(badDates), List.of(unparsable))) {
        Http.Reply r = http.post("/v1/vehicle-command/order-soh-report", Http.obj("fleet_id",
            account.fleet().toString(), "activation_orders", orders), token);
        assertEquals(422, r.status(), r.toString());
        assertTrue(r.json().get("errors").size() > 0);
      }
      Http.Reply noFleet = http.post("/v1/vehicle-command/order-soh-report", Http.obj("activation_orders", List.of()),
          token);
      assertEquals(422, noFleet.status());
      Http.Reply badFleet = http.post("/v1/vehicle-command/order-soh-report", Http.obj("fleet_id", "x"), token);
      assertEquals(422, badFleet.status());
      assertEquals("fleet_id", badFleet.json().get("errors").get(0).get("field").asText());
    }
  }

  @Nested
  class Activate {
    @Test
    void usesTheDatesGivenInAnyAcceptedFormat() {
      String vin = Fixtures.vin();
      Map<String, Object> o = order(vin, "renault", "Zoe", "R135", true, null);
      o.put("activation", Http.obj("request_soh_estimated", true, "start_date", "05/06/2025",
          "end_date", "2025-12-31"));
      o.put("comment", "pilot vehicle");
      JsonNode r = post("activate", account.fleet(), List.of(o)).get(0);
      assertTrue(r.get("status").asBoolean());
      Map<String, Object> v = row(vin);
      assertEquals(java.sql.Date.valueOf(LocalDate.of(2025, 6, 5)), v.get("activation_start_date"));
      assertEquals(java.sql.Date.valueOf(LocalDate.of(2025, 12, 31)), v.get("activation_end_date"));
      assertEquals("pilot vehicle", v.get("activation_comment"));
      String type = fx.jdbi().withHandle(h -> h.createQuery("SELECT type FROM vehicle_model WHERE id = :id")
          .bind("id", v.get("vehicle_model_id")).mapTo(String.class).one());
      assertEquals("r135", type);
    }

    @Test
    void openWindowWithoutDates() {
      String vin = Fixtures.vin();
      post("activate", account.fleet(), List.of(order(vin, "tesla", null, null, true, null)));
      assertNull(row(vin).get("activation_start_date"));
      assertNull(row(vin).get("activation_end_date"));
    }
  }

  @Nested
  class Deactivate {
    @Test
    void requestedVehiclesAreDeactivatedAndTheOthersReported() {
      String requested = Fixtures.vin();
      post("order-soh-report", account.fleet(), List.of(order(requested, "tesla", null, null, true, null)));
      String idle = Fixtures.vin();
      fx.vehicle(account.fleet(), idle, false, true, "tesla");
      fx.execute("UPDATE vehicle SET activation_requested_status = false WHERE vin = ?", idle);
      Http.Reply r = http.post("/v1/vehicle-command/deactivate", Http.obj("fleet_id", account.fleet().toString(),
          "vins", List.of(requested.toLowerCase(), idle)), token);
      assertEquals(200, r.status(), r.toString());
      assertEquals("DEACTIVATION REQUESTED", r.json().get("vehicles").get(0).get("message").asText());
      assertEquals("DEACTIVATED", r.json().get("vehicles").get(1).get("message").asText());
      Map<String, Object> v = row(requested);
      assertEquals(false, v.get("activation_requested_status"));
      assertEquals(false, v.get("requested_soh_estimated"));
      assertNull(v.get("activation_start_date"));
      assertNull(v.get("activation_end_date"));
      assertEquals(1, history(requested, "DEACTIVATION REQUESTED"));
    }

    @Test
    void anyVinOutsideTheFleetIs404AndChangesNothing() {
      String mine = Fixtures.vin();
      post("order-soh-report", account.fleet(), List.of(order(mine, "tesla", null, null, true, null)));
      String foreign = Fixtures.vin();
      fx.vehicle(other.fleet(), foreign, false, true, "tesla");
      String unknown = Fixtures.vin();
      Http.Reply r = http.post("/v1/vehicle-command/deactivate", Http.obj("fleet_id", account.fleet().toString(),
          "vins", List.of(mine, foreign, unknown)), token);
      assertEquals(404, r.status());
      List<String> vins = new ArrayList<>();
      r.json().get("vins").forEach(x -> vins.add(x.asText()));
      assertEquals(List.of(foreign, unknown), vins);
      assertEquals(true, row(mine).get("activation_requested_status"));
    }

    @Test
    void anotherFleetIs403AndBadVinsAre422() {
      assertEquals(403, http.post("/v1/vehicle-command/deactivate", Http.obj("fleet_id", other.fleet().toString(),
          "vins", List.of(Fixtures.vin())), token).status());
      assertEquals(422, http.post("/v1/vehicle-command/deactivate", Http.obj("fleet_id", account.fleet().toString(),
          "vins", List.of("nope")), token).status());
      assertEquals(422, http.post("/v1/vehicle-command/deactivate", Http.obj("fleet_id", account.fleet().toString(),
          "vins", List.of()), token).status());
    }
  }
}
