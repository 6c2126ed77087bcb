package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.db.StateChanges;
import com.evalue.api.support.Apps;
import com.evalue.api.support.Eventually;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The caches of the request path: the user's state for authentication ({@code auth.user_cache_ttl}) and the plan of
 * metering (api.md §4.2.4), and how a change reaches them. Both TTLs are an hour here, so only an announcement on the
 * state-changes channel (or the listener's reconnection) can explain a change taking effect during a test.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CachedStateTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create(
      ConfigOverride.config("auth.user_cache_ttl", "1 hour"),
      ConfigOverride.config("metering.plan_cache_ttl", "1 hour"));
  static Fixtures fx;
  static Http http;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    awaitListening();
  }

  static void awaitListening() {
    Eventually.assertBecomes(true, () -> Apps.services(APP).stateChanges().listening(), "state-changes listener");
  }

  static int fleets(String token) {
    return http.get("/v1/account/fleets", token).status();
  }

  @Nested
  class Users {
    @Test
    void withoutAnAnnouncementACachedUserStaysAuthenticatedUntilTheTtlEnds() {
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      assertEquals(200, fleets(token));
      fx.execute("UPDATE app_user SET is_active = false WHERE id = ?", a.user());
      assertEquals(200, fleets(token)); // within the TTL (UserStateTtlTest: after it)
      // what is never cached: a new token needs an active user and key
      assertEquals(401, http.post("/v1/auth/token", Http.obj("api_key", a.apiKey()), null).status());
    }

    @Test
    void anAnnouncedDeactivationTakesEffect() {
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      assertEquals(200, fleets(token));
      fx.changeAndAnnounce(a.user(), "UPDATE app_user SET is_active = false WHERE id = ?", a.user());
      Eventually.assertBecomes(401, () -> fleets(token), "deactivated user");
      fx.changeAndAnnounce(a.user(), "UPDATE app_user SET is_active = true WHERE id = ?", a.user());
      Eventually.assertBecomes(200, () -> fleets(token), "reactivated user");
    }

    @Test
    void anAnnouncedKeyRevocationTakesEffect() {
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      String other = Session.token(http, fx.apiKey(a.user())); // another key of the same user
      assertEquals(200, fleets(token));
      assertEquals(200, fleets(other));
      fx.changeAndAnnounce(a.user(), "UPDATE api_user SET is_active = false WHERE id = ?", a.apiUser());
      Eventually.assertBecomes(401, () -> fleets(token), "revoked key");
      assertEquals(200, fleets(other));
    }

    @Test
    void anAnnouncedRoleChangeTakesEffect() {
      Fixtures.Account a = fx.account();
      String elsewhere = Fixtures.vin();
      fx.activatedVehicle(fx.fleet(fx.company()), elsewhere); // a fleet the user is not a member of
      String token = Session.token(http, a.apiKey());
      String path = "/v1/in_life_data/check-eligibility/" + elsewhere;
      assertEquals(403, http.get(path, token).status());
      fx.changeAndAnnounce(a.user(), "UPDATE app_user SET role_id = ? WHERE id = ?", fx.role("Admin"), a.user());
      Eventually.assertBecomes(200, () -> http.get(path, token).status(), "Admin accesses every fleet");
    }

    @Test
    void aListenerThatLostItsConnectionForgetsEverything() {
      // notifications sent while it reconnects are lost: reconnecting counts as a change of everything
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      assertEquals(200, fleets(token));
      fx.execute("UPDATE app_user SET is_active = false WHERE id = ?", a.user()); // not announced
      assertEquals(200, fleets(token));
      long terminated = fx.count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
          + " WHERE application_name = ?) t WHERE t.pg_terminate_backend", StateChanges.APPLICATION_NAME);
      assertTrue(terminated >= 1, "the listener's connection was not found");
      Eventually.assertBecomes(401, () -> fleets(token), "state reloaded after the reconnection");
      awaitListening();
    }
  }

  @Nested
  class Plans {
    @Test
    void aPlanAssignedOnTheCommandLineAppliesAtOnce() throws Exception {
      Fixtures.Account a = fx.account(); // no pricing row: Plan Standard is assigned on the first metered call
      String token = Session.token(http, a.apiKey());
      String path = "/v1/in_life_data/" + Fixtures.vin();
      assertEquals("1000", http.get(path, token).header("X-RateLimit-Limit"));
      InvoiceRunTest.cli("billing", "assign-plan", "--email", a.email(), "--requests-limit", "42");
      Eventually.assertBecomes("42", () -> http.get(path, token).header("X-RateLimit-Limit"), "the assigned plan");
    }

    @Test
    void aPlanChangedByHandAppliesWhenAnnounced() {
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      String path = "/v1/in_life_data/" + Fixtures.vin();
      assertEquals("1000", http.get(path, token).header("X-RateLimit-Limit"));
      UUID user = a.user();
      fx.execute("UPDATE api_user_pricing SET custom_requests_limit = 7 WHERE user_id = ?", user);
      assertEquals("1000", http.get(path, token).header("X-RateLimit-Limit")); // cached (api.md §4.2.4)
      fx.changeAndAnnounce(user, "UPDATE api_user_pricing SET custom_requests_limit = 7 WHERE user_id = ?", user);
      Eventually.assertBecomes("7", () -> http.get(path, token).header("X-RateLimit-Limit"), "the changed plan");
    }
  }
}
