package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.support.Apps;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import com.evalue.api.support.TestInfra;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.embedded.RedisServer;

/**
 * api.md §4.3.6: Redis stopped mid-test. Metered endpoints fail closed (503, Retry-After 30, still logged), the rest
 * keeps working, health reports it, and metering recovers once Redis is back. Each application has a Redis of its own.
 */
class RedisOutageTest {
  static Fixtures fx;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
  }

  static String vehicleWithData(Fixtures.Account a) {
    String vin = Fixtures.vin();
    UUID v = fx.activatedVehicle(a.fleet(), vin);
    fx.week(v, Fixtures.monday(1), 1000.0, 0.98, null);
    return vin;
  }

  @Nested
  @ExtendWith(DropwizardExtensionsSupport.class)
  class FailClosed {
    static final int PORT = TestInfra.freePort();
    static RedisServer redis = TestInfra.startRedis(PORT);
    static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create(() -> "redis://127.0.0.1:" + PORT,
        ConfigOverride.config("http.health_cache_ttl", "0s"));

    @AfterAll
    static void stop() {
      TestInfra.stopQuietly(redis);
    }

    @Test
    void failsClosedWhileRedisIsDownAndRecoversWhenItReturns() {
      Http http = new Http(APP.getLocalPort());
      Fixtures.Account a = fx.account();
      String vin = vehicleWithData(a);
      String token = Session.token(http, a.apiKey());
      assertEquals(200, http.get("/v1/in_life_data/" + vin, token).status());

      TestInfra.stopQuietly(redis);
      Http.Reply down = http.get("/v1/in_life_data/" + vin, token);
      assertEquals(503, down.status());
      assertEquals("{\"code\":503,\"message\":\"Usage metering unavailable, please retry later\"}", down.body());
      assertEquals("30", down.header("Retry-After"));
      assertEquals(503, http.get("/v1/flash/" + UUID.randomUUID() + "/soh?odometer=1", token).status());
      // unmetered endpoints and token exchange keep working
      assertEquals(200, http.get("/v1/in_life_data/check-eligibility/" + vin, token).status());
      assertEquals(200, http.get("/v1/account/fleets", token).status());
      assertNotNull(Session.token(http, a.apiKey()));
      // health: 503 with the failing check; usage falls back to the call log
      Http.Reply health = http.get("/v1/health");
      assertEquals(503, health.status());
      assertEquals("unhealthy", health.json().get("status").asText());
      assertTrue(health.json().get("checks").get("postgres").asBoolean());
      assertFalse(health.json().get("checks").get("redis").asBoolean());
      Apps.drainCallLog(APP);
      Http.Reply usage = http.get("/v1/billing/usage", token);
      assertEquals(200, usage.status(), usage.toString());
      assertEquals(1, usage.json().get("current_requests").asInt());
      assertEquals(1, usage.json().get("current_distinct_vins").asInt());
      assertEquals(1, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND status_code = 503"
          + " AND endpoint = 'in_life_data' AND NOT metering_degraded AND NOT is_billable", a.user()));

      redis = TestInfra.startRedis(PORT);
      Http.Reply back = http.get("/v1/in_life_data/" + vin, token);
      assertEquals(200, back.status(), back.toString());
      assertEquals("999", back.header("X-RateLimit-Remaining")); // the new Redis started counting afresh
      assertEquals(200, http.get("/v1/health").status());
    }
  }

  @Nested
  @ExtendWith(DropwizardExtensionsSupport.class)
  class FailOpen {
    static final int PORT = TestInfra.freePort();
    static RedisServer redis = TestInfra.startRedis(PORT);
    static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create(() -> "redis://127.0.0.1:" + PORT,
        ConfigOverride.config("metering.fail_open", "true"));

    @AfterAll
    static void stop() {
      TestInfra.stopQuietly(redis);
    }

    @Test
    void admitsAndFlagsTheCallsWhenConfiguredFailOpen() {
      Http http = new Http(APP.getLocalPort());
      Fixtures.Account a = fx.account();
      String vin = vehicleWithData(a);
      String token = Session.token(http, a.apiKey());
      TestInfra.stopQuietly(redis);
      Http.Reply r = http.get("/v1/in_life_data/" + vin, token);
      assertEquals(200, r.status(), r.toString());
      assertNotNull(r.header("X-RateLimit-Reset"));
      Apps.drainCallLog(APP);
      assertEquals(1, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND status_code = 200"
          + " AND metering_degraded AND is_billable", a.user()));
    }
  }
}
