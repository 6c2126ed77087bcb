package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code auth.user_cache_ttl} > 0 trades the immediacy of a deactivation for one query less per request. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthUserCacheTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create(
      ConfigOverride.config("auth.user_cache_ttl", "1 hour"));

  @Test
  void aCachedUserStaysAuthenticatedUntilTheTtlEnds() {
    Fixtures fx = new Fixtures();
    Http http = new Http(APP.getLocalPort());
    Fixtures.Account a = fx.account();
    String token = Session.token(http, a.apiKey());
    assertEquals(200, http.get("/v1/account/fleets", token).status());
    fx.execute("UPDATE app_user SET is_active = false WHERE id = ?", a.user());
    assertEquals(200, http.get("/v1/account/fleets", token).status()); // within the TTL
    // what is never cached: a new token needs an active user and key
    assertEquals(401, http.post("/v1/auth/token", Http.obj("api_key", a.apiKey()), null).status());
  }
}
