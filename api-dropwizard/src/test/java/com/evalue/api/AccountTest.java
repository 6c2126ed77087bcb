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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §5.1 and §3 (fleet membership, Admins). */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static Fixtures fx;
  static Http http;
  static Fixtures.Account account;
  static UUID secondFleet;
  static Fixtures.Account other;
  static String token;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    account = fx.account();
    secondFleet = fx.fleet(account.company());
    fx.member(account.user(), secondFleet);
    other = fx.account();
    token = Session.token(http, account.apiKey());
  }

  @Nested
  class Fleets {
    @Test
    void aMemberSeesItsFleets() {
      JsonNode fleets = http.get("/v1/account/fleets", token).json().get("fleets");
      List<String> ids = new ArrayList<>();
      fleets.forEach(f -> ids.add(f.get("fleet_id").asText()));
      assertEquals(2, ids.size());
      assertTrue(ids.containsAll(List.of(account.fleet().toString(), secondFleet.toString())));
      assertTrue(fleets.get(0).has("fleet_name"));
    }

    @Test
    void anAdminSeesEveryFleet() {
      UUID admin = fx.user(account.company(), fx.email(), true);
      String body = http.get("/v1/account/fleets", Session.token(http, fx.apiKey(admin))).body();
      assertTrue(body.contains(other.fleet().toString()));
      assertTrue(body.contains(account.fleet().toString()));
    }
  }

  @Nested
  class Vehicles {
    @Test
    void pagesThroughTheAccessibleVehicles() {
      Fixtures.Account a = fx.account();
      List<String> vins = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String vin = Fixtures.vin();
        vins.add(vin);
        fx.vehicle(a.fleet(), vin, i % 2 == 0, true, "tesla");
      }
      fx.vehicle(other.fleet(), Fixtures.vin(), true, true, "tesla");
      String t = Session.token(http, a.apiKey());
      JsonNode page3 = http.get("/v1/account/vehicles?page=3&page_size=2", t).json();
      assertEquals(1, page3.get("vehicles").size());
      JsonNode p = page3.get("pagination");
      assertEquals(3, p.get("page").asInt());
      assertEquals(2, p.get("page_size").asInt());
      assertEquals(5, p.get("total_items").asInt());
      assertEquals(3, p.get("total_pages").asInt());
      JsonNode all = http.get("/v1/account/vehicles", t).json();
      assertEquals(5, all.get("vehicles").size());
      assertEquals(100, all.get("pagination").get("page_size").asInt());
      JsonNode v = all.get("vehicles").get(0);
      for (String f : List.of("vin", "requested_soh_estimated", "requested_soh_oem", "requested_activation", "status",
          "message", "comment", "consent_information")) {
        assertTrue(v.has(f), f);
      }
      assertTrue(v.get("consent_information").asText().contains("Tesla"));
    }

    @Test
    void filtersByFleetAndVin() {
      String vin = Fixtures.vin();
      fx.vehicle(secondFleet, vin, true, true, "ford");
      JsonNode byFleet = http.get("/v1/account/vehicles?fleet_id=" + secondFleet, token).json();
      assertEquals(vin, byFleet.get("vehicles").get(0).get("vin").asText());
      assertTrue(byFleet.get("vehicles").get(0).get("consent_information").asText().contains("FordPass"));
      JsonNode byVin = http.get("/v1/account/vehicles?vin=" + vin.toLowerCase() + "&fleet_id=all", token).json();
      assertEquals(1, byVin.get("pagination").get("total_items").asInt());
      JsonNode none = http.get("/v1/account/vehicles?fleet_id=" + account.fleet() + "&vin=" + vin, token).json();
      assertEquals(0, none.get("vehicles").size());
    }

    @Test
    void anotherFleetIs403() {
      Http.Reply r = http.get("/v1/account/vehicles?fleet_id=" + other.fleet(), token);
      assertEquals(403, r.status());
      assertEquals("User not allowed to access this fleet", r.json().get("message").asText());
      assertEquals(403, http.get("/v1/account/vehicles?fleet_id=" + UUID.randomUUID(), token).status());
    }

    @Test
    void badParametersAre422() {
      for (String q : List.of("fleet_id=nope", "page=0", "page=x", "page_size=1001", "page_size=0", "vin=ABC")) {
        Http.Reply r = http.get("/v1/account/vehicles?" + q, token);
        assertEquals(422, r.status(), q);
        assertFalse(r.json().get("errors").isEmpty());
      }
    }
  }
}
