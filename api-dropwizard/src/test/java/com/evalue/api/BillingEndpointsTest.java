package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.support.Apps;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §5.6: today's usage (Redis) and the unbilled calls (call log). */
@ExtendWith(DropwizardExtensionsSupport.class)
class BillingEndpointsTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static Fixtures fx;
  static Http http;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
  }

  @Nested
  class Usage {
    @Test
    void countsTodaysRequestsAndDistinctVins() {
      Fixtures.Account a = fx.accountWithLimits(10, 5, null);
      String token = Session.token(http, a.apiKey());
      String vin = Fixtures.vin();
      UUID v = fx.activatedVehicle(a.fleet(), vin);
      fx.week(v, Fixtures.monday(1), 5.0, 0.99, null);
      http.get("/v1/in_life_data/" + vin, token);
      http.get("/v1/in_life_data/" + vin, token);
      http.get("/v1/in_life_data/" + Fixtures.vin(), token); // 404: counted, not billable
      Apps.drainCallLog(APP);
      JsonNode u = http.get("/v1/billing/usage", token).json();
      assertEquals(a.user().toString(), u.get("user_id").asText());
      assertEquals("Plan Standard", u.get("pricing_plan").asText());
      assertEquals(10, u.get("requests_limit").asInt());
      assertEquals(5, u.get("max_distinct_vins").asInt());
      assertEquals(3, u.get("current_requests").asInt());
      assertEquals(2, u.get("current_distinct_vins").asInt());
      assertEquals(7, u.get("remaining_requests").asInt());
      assertEquals(3, u.get("remaining_distinct_vins").asInt());
      assertEquals(2, u.get("unbilled_calls").asInt());
    }

    @Test
    void unlimitedPlansHaveNullLimits() {
      Fixtures.Account a = fx.account();
      fx.execute("INSERT INTO api_pricing_plan (name, requests_limit, max_distinct_vins, price_per_request)"
          + " VALUES (?, NULL, NULL, 0.0020)", fx.unique("Unlimited"));
      fx.execute("INSERT INTO api_user_pricing (user_id, pricing_plan_id, effective_date) SELECT ?, id, ?"
          + " FROM api_pricing_plan WHERE name LIKE 'Unlimited-%' ORDER BY created_at DESC LIMIT 1", a.user(),
          LocalDate.now(ZoneOffset.UTC));
      Http.Reply r = http.get("/v1/billing/usage", Session.token(http, a.apiKey()));
      assertTrue(r.json().get("requests_limit").isNull(), r.toString());
      assertTrue(r.json().get("remaining_requests").isNull());
      assertTrue(r.json().get("remaining_distinct_vins").isNull());
    }
  }

  @Nested
  class Info {
    @Test
    void theCostOfTheUnbilledCalls() {
      Fixtures.Account a = fx.accountWithLimits(null, null, new BigDecimal("0.0125"));
      for (int i = 0; i < 3; i++) {
        fx.call(a.user(), Fixtures.vin(), Instant.now().minusSeconds(3600L * 24 * 40), 200);
      }
      fx.call(a.user(), null, Instant.now(), 500);
      JsonNode j = http.get("/v1/billing/info", Session.token(http, a.apiKey())).json();
      assertEquals(a.email(), j.get("email").asText());
      assertEquals("Plan Standard", j.get("plan_name").asText());
      assertEquals(3, j.get("unbilled_calls").asInt());
      assertEquals(0.0125, j.get("price_per_request").asDouble());
      assertEquals("0.04", j.get("total_cost").decimalValue().toPlainString());
      assertEquals(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(), j.get("effective_date").asText());
      assertTrue(j.get("expiration_date").isNull());
      assertTrue(j.has("plan_description") && j.has("current_distinct_vins"));
    }

    @Test
    void requiresAuthentication() {
      assertEquals(401, http.get("/v1/billing/info").status());
      assertEquals(401, http.get("/v1/billing/usage").status());
    }
  }
}
