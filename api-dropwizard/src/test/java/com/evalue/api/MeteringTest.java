package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.core.UsageMeter;
import com.evalue.api.core.UtcDay;
import com.evalue.api.support.Apps;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §4: plan resolution, atomic admission in Redis under concurrency, 429s, headers and the call log. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MeteringTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static final int THREADS = 64;
  static Fixtures fx;
  static Http http;
  static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void tearDown() {
    pool.shutdownNow();
  }

  /** An activated vehicle with one week of data in the account's fleet. */
  static String vehicleWithData(Fixtures.Account a) {
    String vin = Fixtures.vin();
    UUID v = fx.activatedVehicle(a.fleet(), vin);
    fx.week(v, Fixtures.monday(1), 1000.0, 0.98, null);
    return vin;
  }

  /** Fires every request at once from 64 threads; returns the status counts. */
  static Map<Integer, Integer> hammer(List<String> paths, String token) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<Future<?>> futures = new ArrayList<>();
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < THREADS; t++) {
      futures.add(pool.submit(() -> {
        start.await();
        int i;
        while ((i = next.getAndIncrement()) < paths.size()) {
          statuses.merge(http.get(paths.get(i), token).status(), 1, Integer::sum);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
    return statuses;
  }

  @Nested
  class Admission {
    @Test
    void sixtyFourThreadsAreAdmittedExactlyUpToTheLimit() throws Exception {
      Fixtures.Account a = fx.accountWithLimits(50, null, null);
      String vin = vehicleWithData(a);
      String token = Session.token(http, a.apiKey());
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        paths.add("/v1/in_life_data/" + vin);
      }
      Map<Integer, Integer> statuses = hammer(paths, token);
      assertEquals(50, statuses.get(200), statuses.toString());
      assertEquals(206, statuses.get(429), statuses.toString());
      assertEquals(2, statuses.size(), statuses.toString());
      // Redis holds exactly the limit; the call log has every request with its real status
      String counted = Apps.services(APP).redis().get(UsageMeter.requestKey(a.user(), UtcDay.of(Instant.now())));
      assertEquals("50", counted);
      Apps.drainCallLog(APP);
      assertEquals(256, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ?", a.user()));
      assertEquals(50, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND status_code = 200"
          + " AND is_billable", a.user()));
      assertEquals(206, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND status_code = 429"
          + " AND NOT is_billable", a.user()));
    }

    @Test
    void theRefusalIs429WithRetryAfterUntilUtcMidnight() {
      Fixtures.Account a = fx.accountWithLimits(1, null, null);
      String vin = vehicleWithData(a);
      String token = Session.token(http, a.apiKey());
      assertEquals(200, http.get("/v1/in_life_data/" + vin, token).status());
      Http.Reply r = http.get("/v1/in_life_data/" + vin, token);
      assertEquals(429, r.status());
      assertEquals("{\"code\":429,\"message\":\"Daily request limit exceeded. Please upgrade your plan or try again "
          + "tomorrow.\"}", r.body());
      long retryAfter = Long.parseLong(r.header("Retry-After"));
      long untilMidnight = UtcDay.of(Instant.now()).nextMidnight().getEpochSecond() - Instant.now().getEpochSecond();
      assertTrue(retryAfter >= 1 && Math.abs(retryAfter - untilMidnight) <= 2, retryAfter + " vs " + untilMidnight);
      assertEquals("1", r.header("X-RateLimit-Limit"));
      assertEquals("0", r.header("X-RateLimit-Remaining"));
      assertEquals(Long.toString(UtcDay.of(Instant.now()).nextMidnight().getEpochSecond()),
          r.header("X-RateLimit-Reset"));
    }

    @Test
    void everyMeteredResponseCarriesTheRateLimitHeaders() {
      Fixtures.Account a = fx.account(); // no pricing row: Plan Standard is assigned
      String token = Session.token(http, a.apiKey());
      Http.Reply r = http.get("/v1/in_life_data/" + Fixtures.vin(), token); // 404, still metered
      assertEquals(404, r.status());
      assertEquals("1000", r.header("X-RateLimit-Limit"));
      assertEquals("999", r.header("X-RateLimit-Remaining"));
      assertNotNull(r.header("X-RateLimit-Reset"));
      Http.Reply bad = http.get("/v1/in_life_data/not-a-vin", token); // 422, still metered
      assertEquals(422, bad.status());
      assertEquals("998", bad.header("X-RateLimit-Remaining"));
    }

    @Test
    void theDistinctVinLimitCountsNewVinsOnly() {
      Fixtures.Account a = fx.accountWithLimits(null, 3, null);
      String token = Session.token(http, a.apiKey());
      List<String> vins = List.of(vehicleWithData(a), vehicleWithData(a), vehicleWithData(a));
      for (String vin : vins) {
        assertEquals(200, http.get("/v1/in_life_data/" + vin, token).status());
      }
      Http.Reply fourth = http.get("/v1/in_life_data/" + vehicleWithData(a), token);
      assertEquals(429, fourth.status());
      assertEquals("Distinct VINs limit exceeded (3). Please upgrade your plan or try again tomorrow.",
          fourth.json().get("message").asText());
      // a VIN already seen today is admitted; so is a request without a valid VIN
      assertEquals(200, http.get("/v1/in_life_data/" + vins.get(1).toLowerCase(), token).status());
      assertEquals(422, http.get("/v1/in_life_data/NOTAVIN", token).status());
    }

    @Test
    void distinctVinsUnderConcurrencyNeverExceedTheLimit() throws Exception {
      Fixtures.Account a = fx.accountWithLimits(null, 10, null);
      String token = Session.token(http, a.apiKey());
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        paths.add("/v1/in_life_data/" + Fixtures.vin()); // unknown VINs: 404 once admitted
      }
      Map<Integer, Integer> statuses = hammer(paths, token);
      assertEquals(10, statuses.get(404), statuses.toString());
      assertEquals(THREADS - 10, statuses.get(429), statuses.toString());
      assertEquals(10L, Apps.services(APP).redis().scard(UsageMeter.vinKey(a.user(), UtcDay.of(Instant.now()))));
    }
  }

  @Nested
  class CallLog {
    @Test
    void oneRowPerMeteredRequestWithItsRealStatus() {
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      String vin = vehicleWithData(a);
      Instant before = Instant.now().minusSeconds(1);
      assertEquals(200, http.get("/v1/in_life_data/" + vin.toLowerCase(), token).status());
      String unknown = Fixtures.vin();
      assertEquals(404, http.get("/v1/in_life_data/" + unknown, token).status());
      assertEquals(200, http.get("/v1/in_life_data/check-eligibility/" + vin, token).status()); // not metered
      Apps.drainCallLog(APP);
      assertEquals(2, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ?", a.user()));
      assertEquals(1, fx.count("""
          SELECT count(*) FROM api_call_log WHERE user_id = ? AND api_user_id = ? AND vin = ? AND status_code = 200
            AND is_billable AND NOT is_billed AND endpoint = 'in_life_data' AND response_time_ms >= 0
            AND NOT metering_degraded AND "timestamp" >= ?""", a.user(), a.apiUser(), vin,
          java.sql.Timestamp.from(before)));
      assertEquals(1, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND vin = ? AND status_code = 404"
          + " AND NOT is_billable", a.user(), unknown));
    }

    @Test
    void aRequestWithoutValidVinIsLoggedWithoutVin() {
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      assertEquals(422, http.get("/v1/in_life_data/abc", token).status());
      Apps.drainCallLog(APP);
      assertEquals(1, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND vin IS NULL"
          + " AND status_code = 422", a.user()));
    }

    @Test
    void tokensFromPasswordsHaveNoApiUser() {
      Fixtures.Account a = fx.account();
      String token = http.post("/v1/auth/token", Http.obj("email", a.email(), "password", Fixtures.PASSWORD), null)
          .json().get("access_token").asText();
      http.get("/v1/in_life_data/" + Fixtures.vin(), token);
      Apps.drainCallLog(APP);
      assertEquals(1, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND api_user_id IS NULL",
          a.user()));
    }
  }

  @Nested
  class Plans {
    @Test
    void withoutAPlanTheStandardPlanIsAssignedOnceEvenConcurrently() throws Exception {
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        paths.add("/v1/in_life_data/" + Fixtures.vin());
      }
      hammer(paths, token);
      assertEquals(1, fx.count("""
          SELECT count(*) FROM api_user_pricing up JOIN api_pricing_plan p ON p.id = up.pricing_plan_id
          WHERE up.user_id = ? AND p.name = 'Plan Standard' AND up.effective_date = ? AND up.expiration_date IS NULL""",
          a.user(), LocalDate.now(ZoneOffset.UTC)));
    }

    @Test
    void customOverridesAndTheNewestRowWin() {
      Fixtures.Account a = fx.account();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      fx.pricing(a.user(), 5, 2, new BigDecimal("0.0500"), today.minusDays(30));
      fx.pricing(a.user(), 7, null, null, today.minusDays(2)); // newest: 7 requests, plan's VINs and price
      fx.pricing(a.user(), 9, null, null, today.plusDays(3)); // not yet effective
      fx.execute("INSERT INTO api_user_pricing (user_id, pricing_plan_id, custom_requests_limit, effective_date,"
          + " expiration_date) VALUES (?, (SELECT id FROM api_pricing_plan WHERE name = 'Plan Standard'), 11, ?, ?)",
          a.user(), today.minusDays(20), today.minusDays(1)); // expired
      String token = Session.token(http, a.apiKey());
      Http.Reply usage = http.get("/v1/billing/usage", token);
      assertEquals(200, usage.status(), usage.toString());
      assertEquals(7, usage.json().get("requests_limit").asInt());
      assertEquals(100, usage.json().get("max_distinct_vins").asInt());
      assertEquals(0.01, usage.json().get("price_per_request").asDouble());
      assertEquals("7", http.get("/v1/in_life_data/" + Fixtures.vin(), token).header("X-RateLimit-Limit"));
    }

    @Test
    void flashSohIsMeteredWithoutVin() {
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      Http.Reply r = http.get("/v1/flash/" + UUID.randomUUID() + "/soh?odometer=1000", token);
      assertEquals(404, r.status());
      assertNotNull(r.header("X-RateLimit-Limit"));
      Apps.drainCallLog(APP);
      assertEquals(1, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND endpoint = 'flash_soh'"
          + " AND vin IS NULL AND status_code = 404", a.user()));
    }

    @Test
    void unmeteredEndpointsHaveNoRateLimitHeaders() {
      Fixtures.Account a = fx.account();
      assertNull(http.get("/v1/account/fleets", Session.token(http, a.apiKey())).header("X-RateLimit-Limit"));
    }
  }
}
