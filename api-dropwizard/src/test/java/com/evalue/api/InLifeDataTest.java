package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §5.3 against the whole application, PostgreSQL and Redis. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InLifeDataTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static Fixtures fx;
  static Http http;
  static Fixtures.Account account;
  static String token;
  static Fixtures.Account other;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    account = fx.account();
    other = fx.account();
    token = Session.token(http, account.apiKey());
  }

  @Nested
  class Latest {
    @Test
    void returnsTheLatestWeekHavingData() {
      String vin = Fixtures.vin("5YJ3");
      UUID v = fx.activatedVehicle(account.fleet(), vin);
      fx.week(v, Fixtures.monday(3), 10_000.0, 0.991, null);
      fx.week(v, Fixtures.monday(2), 11_000.5, 0.9876, 0.97);
      fx.week(v, Fixtures.monday(1), null, null, null); // no data: skipped
      Http.Reply r = http.get("/v1/in_life_data/" + vin.toLowerCase(), token);
      assertEquals(200, r.status(), r.toString());
      JsonNode j = r.json();
      assertEquals(vin, j.get("vin").asText());
      assertEquals(Fixtures.monday(2).toString(), j.get("week").asText());
      assertEquals(11000.5, j.get("odometer").asDouble());
      assertEquals(0.9876, j.get("soh").asDouble());
      assertEquals(0.97, j.get("soh_oem").asDouble());
      assertEquals("Unknown", j.get("region").asText());
      for (String field : new String[] {"soh_ci_low", "soh_ci_high", "soh_n", "soh_method", "soh_oem_ci_low",
          "soh_oem_ci_high", "cycles", "consumption", "soh_comparison", "level_1", "level_2", "level_3",
          "timestamp_last_data_collected"}) {
        assertTrue(j.has(field), field);
      }
      assertTrue(r.header("X-Request-Id") != null);
    }

    @Test
    void malformedVinIs422() {
      for (String bad : new String[] {"ABC", "5YJ3E1EAXKF00000I", "5YJ3E1EAXKF000000Q", "%27%20OR%201%3D1--"}) {
        Http.Reply r = http.get("/v1/in_life_data/" + bad, token);
        assertEquals(422, r.status(), bad + " " + r);
        assertEquals(422, r.json().get("code").asInt());
        assertEquals("vin", r.json().get("errors").get(0).get("field").asText());
      }
    }

    @Test
    void unknownVinIs404() {
      Http.Reply r = http.get("/v1/in_life_data/" + Fixtures.vin(), token);
      assertEquals(404, r.status());
      assertEquals("Vehicle not found. Use the order-soh-report endpoint to activate it.",
          r.json().get("message").asText());
    }

    @Test
    void anotherFleetsVinIs403() {
      String vin = Fixtures.vin();
      UUID v = fx.activatedVehicle(other.fleet(), vin);
      fx.week(v, Fixtures.monday(1), 1.0, 0.99, null);
      Http.Reply r = http.get("/v1/in_life_data/" + vin, token);
      assertEquals(403, r.status());
      assertEquals("User not allowed to access this VIN", r.json().get("message").asText());
    }

    @Test
    void adminsAccessEveryFleet() {
      String vin = Fixtures.vin();
      UUID v = fx.activatedVehicle(other.fleet(), vin);
      fx.week(v, Fixtures.monday(1), 1.0, 0.99, null);
      UUID admin = fx.user(account.company(), fx.email(), true);
      String adminToken = Session.token(http, fx.apiKey(admin));
      assertEquals(200, http.get("/v1/in_life_data/" + vin, adminToken).status());
    }

    @Test
    void ineligibleIs403() {
      String vin = Fixtures.vin();
      fx.vehicle(account.fleet(), vin, true, false, "tesla");
      Http.Reply r = http.get("/v1/in_life_data/" + vin, token);
      assertEquals(403, r.status());
      assertEquals("Vehicle is not eligible", r.json().get("message").asText());
    }

    @Test
    void notActivatedIs403() {
      String vin = Fixtures.vin();
      fx.vehicle(account.fleet(), vin, false, true, "tesla");
      Http.Reply r = http.get("/v1/in_life_data/" + vin, token);
      assertEquals(403, r.status());
      assertEquals("Vehicle is not yet activated", r.json().get("message").asText());
    }

    @Test
    void noDataIs404() {
      String vin = Fixtures.vin();
      UUID v = fx.activatedVehicle(account.fleet(), vin);
      fx.week(v, Fixtures.monday(1), null, null, null);
      Http.Reply r = http.get("/v1/in_life_data/" + vin, token);
      assertEquals(404, r.status());
      assertEquals("Dynamic data not available for this vehicle.", r.json().get("message").asText());
    }

    @Test
    void withoutTokenIs401() {
      Http.Reply r = http.get("/v1/in_life_data/" + Fixtures.vin());
      assertEquals(401, r.status());
      assertEquals("Could not validate credentials", r.json().get("message").asText());
      assertEquals("Bearer", r.header("WWW-Authenticate"));
    }
  }

  @Nested
  class CheckEligibility {
    @Test
    void unknownVehicle() {
      String vin = Fixtures.vin();
      JsonNode j = ok(http.get("/v1/in_life_data/check-eligibility/" + vin, token));
      assertFalse(j.get("exists").asBoolean());
      assertFalse(j.get("is_eligible").asBoolean());
      assertFalse(j.get("is_activated").asBoolean());
      assertEquals("Vehicle not found", j.get("message").asText());
    }

    @Test
    void eligibleAndActivated() {
      String vin = Fixtures.vin();
      fx.activatedVehicle(account.fleet(), vin);
      JsonNode j = ok(http.get("/v1/in_life_data/check-eligibility/" + vin, token));
      assertTrue(j.get("exists").asBoolean());
      assertTrue(j.get("is_eligible").asBoolean());
      assertTrue(j.get("is_activated").asBoolean());
      assertEquals("Vehicle is eligible and activated", j.get("message").asText());
    }

    @Test
    void notEligibleThenNotActivated() {
      String ineligible = Fixtures.vin();
      fx.vehicle(account.fleet(), ineligible, false, false, "tesla");
      assertEquals("Vehicle is not eligible",
          ok(http.get("/v1/in_life_data/check-eligibility/" + ineligible, token)).get("message").asText());
      String inactive = Fixtures.vin();
      fx.vehicle(account.fleet(), inactive, false, true, "tesla");
      assertEquals("Vehicle is not yet activated",
          ok(http.get("/v1/in_life_data/check-eligibility/" + inactive, token)).get("message").asText());
    }

    @Test
    void anotherFleetsVehicleIs403() {
      String vin = Fixtures.vin();
      fx.activatedVehicle(other.fleet(), vin);
      assertEquals(403, http.get("/v1/in_life_data/check-eligibility/" + vin, token).status());
    }

    @Test
    void isNotMetered() {
      String vin = Fixtures.vin();
      Http.Reply r = http.get("/v1/in_life_data/check-eligibility/" + vin, token);
      assertEquals(null, r.header("X-RateLimit-Limit"));
    }

    @Test
    void malformedVinIs422() {
      assertEquals(422, http.get("/v1/in_life_data/check-eligibility/NOTAVIN", token).status());
    }
  }

  static JsonNode ok(Http.Reply r) {
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }
}
