package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.evalue.api.support.Eventually;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bound on staleness without any announcement: a change made by hand (no {@code pg_notify}) takes effect once the
 * cached state expires ({@code auth.user_cache_ttl}, 1 s here; 5 s by default).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class UserStateTtlTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create(
      ConfigOverride.config("auth.user_cache_ttl", "1 second"));

  @Test
  void anUnannouncedDeactivationOrRevocationTakesEffectAfterTheTtl() {
    Fixtures fx = new Fixtures();
    Http http = new Http(APP.getLocalPort());
    Fixtures.Account a = fx.account();
    String token = Session.token(http, a.apiKey());
    assertEquals(200, http.get("/v1/account/fleets", token).status());
    fx.execute("UPDATE api_user SET is_active = false WHERE id = ?", a.apiUser());
    Eventually.assertBecomes(401, () -> http.get("/v1/account/fleets", token).status(), "revoked key");

    Fixtures.Account b = fx.account();
    String other = Session.token(http, b.apiKey());
    assertEquals(200, http.get("/v1/account/fleets", other).status());
    fx.execute("UPDATE app_user SET is_active = false WHERE id = ?", b.user());
    Eventually.assertBecomes(401, () -> http.get("/v1/account/fleets", other).status(), "deactivated user");
  }
}
