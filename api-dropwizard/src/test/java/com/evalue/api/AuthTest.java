package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.evalue.api.support.Eventually;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §2: token exchange, login, refresh, logout, and the attacks a token must survive. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static final String BAD_LOGIN = "{\"code\":401,\"message\":\"Incorrect email or password\"}";
  static Fixtures fx;
  static Http http;
  static Fixtures.Account account;
  static String vin;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    account = fx.account();
    vin = Fixtures.vin();
    UUID v = fx.activatedVehicle(account.fleet(), vin);
    fx.week(v, Fixtures.monday(1), 100.0, 0.99, null);
  }

  static Algorithm key() {
    return Algorithm.HMAC256(APP.getConfiguration().auth.jwtSecret.getBytes(StandardCharsets.UTF_8));
  }

  /** A token as our service would sign it, customisable. */
  static com.auth0.jwt.JWTCreator.Builder claims(UUID user, String typ) {
    Instant now = Instant.now();
    return JWT.create().withIssuer("evalue").withSubject(user.toString()).withIssuedAt(now)
        .withExpiresAt(now.plusSeconds(600)).withClaim("typ", typ);
  }

  static int status(String token) {
    return http.get("/v1/account/fleets", token).status();
  }

  @Nested
  class Token {
    @Test
    void apiKeyGivesABearerTokenAndUpdatesLastAccess() {
      Http.Reply r = http.post("/v1/auth/token", Http.obj("api_key", account.apiKey()), null);
      assertEquals(200, r.status(), r.toString());
      assertEquals("Bearer", r.json().get("token_type").asText());
      assertEquals(3600, r.json().get("expires_in").asInt());
      assertEquals(200, status(r.json().get("access_token").asText()));
      assertEquals(1, fx.count("SELECT count(*) FROM api_user WHERE id = ? AND last_access IS NOT NULL",
          account.apiUser()));
      String sub = JWT.decode(r.json().get("access_token").asText()).getSubject();
      assertEquals(account.user().toString(), sub);
    }

    @Test
    void emailAndPassword() {
      Http.Reply r = http.post("/v1/auth/token", Http.obj("email", account.email().toUpperCase(),
          "password", Fixtures.PASSWORD), null);
      assertEquals(200, r.status(), r.toString());
      assertEquals(200, status(r.json().get("access_token").asText()));
    }

    @Test
    void formEncodedUsernameAndPassword() {
      Http.Reply r = http.form("/v1/auth/token", Map.of("username", account.email(), "password", Fixtures.PASSWORD,
          "grant_type", "password"));
      assertEquals(200, r.status(), r.toString());
    }

    @Test
    void unknownEmailWrongPasswordAndInactiveUserAreTheSame401() {
      String inactive = fx.email();
      UUID id = fx.user(account.company(), inactive, false);
      fx.execute("UPDATE app_user SET is_active = false WHERE id = ?", id);
      for (Map<String, Object> body : List.of(
          Http.obj("email", fx.email(), "password", Fixtures.PASSWORD),
          Http.obj("email", account.email(), "password", "wrong-password"),
          Http.obj("email", inactive, "password", Fixtures.PASSWORD))) {
        Http.Reply r = http.post("/v1/auth/token", body, null);
        assertEquals(401, r.status());
        assertEquals(BAD_LOGIN, r.body());
      }
    }

    @Test
    void invalidOrInactiveApiKey() {
      Http.Reply r = http.post("/v1/auth/token", Http.obj("api_key", "evk_not-a-key"), null);
      assertEquals(401, r.status());
      assertEquals("Invalid API key", r.json().get("message").asText());
      String key = fx.apiKey(account.user());
      fx.execute("UPDATE api_user SET is_active = false WHERE api_key_sha256 = ?",
          com.evalue.api.auth.ApiKeys.sha256Hex(key));
      assertEquals(401, http.post("/v1/auth/token", Http.obj("api_key", key), null).status());
    }

    @Test
    void apiKeysAreStoredOnlyAsSha256() {
      assertEquals(0, fx.count("SELECT count(*) FROM api_user WHERE api_key_sha256 = ?", account.apiKey()));
      assertEquals(1, fx.count("SELECT count(*) FROM api_user WHERE api_key_sha256 = ?",
          com.evalue.api.auth.ApiKeys.sha256Hex(account.apiKey())));
    }

    @Test
    void missingCredentialsAre422() {
      Http.Reply r = http.post("/v1/auth/token", "{}", null);
      assertEquals(422, r.status());
      assertEquals(2, r.json().get("errors").size());
      assertEquals(422, http.post("/v1/auth/token", Http.obj("email", "not-an-email", "password", "x"), null)
          .status());
    }

    @Test
    void anApiKeyIsNeverAcceptedOnADataEndpoint() {
      assertEquals(401, status(account.apiKey()));
    }
  }

  @Nested
  class Login {
    @Test
    void setsTheThreeCookiesAndReturnsTheProfile() {
      Http.Reply r = http.post("/v1/auth/login", Http.obj("email", account.email(), "password", Fixtures.PASSWORD),
          null);
      assertEquals(200, r.status(), r.toString());
      JsonNode user = r.json().get("user");
      assertEquals(account.email(), user.get("email").asText());
      assertFalse(user.has("password_hash"));
      assertFalse(r.body().contains("$2a$"));
      assertEquals("User", user.get("role").get("name").asText());
      assertEquals(account.fleet().toString(), user.get("fleets").get(0).get("id").asText());
      assertNotNull(user.get("last_connection").asText());
      assertEquals(account.company().toString(), r.json().get("company").get("id").asText());
      List<String> cookies = r.headerValues("Set-Cookie");
      String access = cookie(cookies, "evalue_access_token");
      String refresh = cookie(cookies, "evalue_refresh_token");
      String session = cookie(cookies, "evalue_session_data");
      for (String c : List.of(access, refresh, session)) {
        assertTrue(c.contains("Path=/"), c);
        assertTrue(c.contains("Secure"), c);
        assertTrue(c.toLowerCase().contains("samesite=strict"), c);
      }
      assertTrue(access.contains("HttpOnly"));
      assertTrue(refresh.contains("HttpOnly"));
      assertFalse(session.contains("HttpOnly"));
      assertTrue(access.contains("Max-Age=3600"), access);
      assertTrue(refresh.contains("Max-Age=2592000"), refresh);
      String sessionJwt = value(session);
      assertEquals(account.email(), JWT.decode(sessionJwt).getClaim("user").asMap().get("email"));
      // the session-data token is never accepted as credentials
      assertEquals(401, status(sessionJwt));
    }

    @Test
    void theAccessCookieAuthenticatesWhenNoHeaderIsSent() {
      Http.Reply login = http.post("/v1/auth/login",
          Http.obj("email", account.email(), "password", Fixtures.PASSWORD), null);
      String access = value(cookie(login.headerValues("Set-Cookie"), "evalue_access_token"));
      Http.Reply r = http.send(http.request("/v1/account/fleets").header("Cookie", "evalue_access_token=" + access));
      assertEquals(200, r.status(), r.toString());
      // a present Authorization header wins over the cookie
      Http.Reply both = http.send(http.request("/v1/account/fleets")
          .header("Cookie", "evalue_access_token=" + access).header("Authorization", "Bearer garbage"));
      assertEquals(401, both.status());
    }

    @Test
    void failuresAreIdentical401() {
      Http.Reply unknown = http.post("/v1/auth/login", Http.obj("email", fx.email(), "password", "x"), null);
      Http.Reply wrong = http.post("/v1/auth/login", Http.obj("email", account.email(), "password", "x"), null);
      assertEquals(401, unknown.status());
      assertEquals(BAD_LOGIN, unknown.body());
      assertEquals(BAD_LOGIN, wrong.body());
    }

    @Test
    void invalidEmailOrMissingFieldIs422() {
      assertEquals(422, http.post("/v1/auth/login", Http.obj("email", "nope", "password", "x"), null).status());
      assertEquals(422, http.post("/v1/auth/login", Http.obj("email", account.email()), null).status());
    }

    @Test
    void tenFailuresWithinTheWindowThrottleTheEmail() {
      String email = fx.email();
      UUID id = fx.user(account.company(), email, false);
      for (int i = 0; i < 10; i++) {
        assertEquals(401, http.post("/v1/auth/login", Http.obj("email", email, "password", "bad-" + i), null)
            .status());
      }
      Http.Reply throttled = http.post("/v1/auth/login", Http.obj("email", email, "password", Fixtures.PASSWORD),
          null);
      assertEquals(429, throttled.status());
      assertEquals(429, throttled.json().get("code").asInt());
      assertEquals(429, http.post("/v1/auth/token", Http.obj("email", email, "password", Fixtures.PASSWORD), null)
          .status());
      // another email is not affected
      assertEquals(200, http.post("/v1/auth/login",
          Http.obj("email", account.email(), "password", Fixtures.PASSWORD), null).status());
      assertNotNull(id);
    }
  }

  @Nested
  class Refresh {
    @Test
    void rotatesTheRefreshTokenFromTheCookie() {
      String refresh = loginRefreshToken();
      Http.Reply r = http.send(http.request("/v1/auth/refresh").POST(java.net.http.HttpRequest.BodyPublishers
          .noBody()).header("Cookie", "evalue_refresh_token=" + refresh));
      assertEquals(200, r.status(), r.toString());
      assertTrue(r.json().get("ok").asBoolean());
      assertEquals(200, status(r.json().get("access_token").asText()));
      String rotated = value(cookie(r.headerValues("Set-Cookie"), "evalue_refresh_token"));
      assertNotEquals(refresh, rotated);
      // the used refresh token cannot be replayed; the new one works once
      assertEquals(401, http.post("/v1/auth/refresh", Http.obj("refresh_token", refresh), null).status());
      assertEquals(200, http.post("/v1/auth/refresh", Http.obj("refresh_token", rotated), null).status());
    }

    @Test
    void accessTokensAndGarbageAreRefused() {
      String access = Session.token(http, account.apiKey());
      Http.Reply r = http.post("/v1/auth/refresh", Http.obj("refresh_token", access), null);
      assertEquals(401, r.status());
      assertEquals("Could not validate credentials", r.json().get("message").asText());
      assertEquals(401, http.post("/v1/auth/refresh", Http.obj("refresh_token", "x.y.z"), null).status());
      assertEquals(401, http.post("/v1/auth/refresh", "", null).status());
    }

    @Test
    void aDeactivatedUsersRefreshTokenIsRefused() {
      String email = fx.email();
      UUID id = fx.user(account.company(), email, false);
      String refresh = claims(id, "refresh").withJWTId(UUID.randomUUID().toString()).sign(key());
      fx.execute("UPDATE app_user SET is_active = false WHERE id = ?", id);
      assertEquals(401, http.post("/v1/auth/refresh", Http.obj("refresh_token", refresh), null).status());
    }
  }

  @Nested
  class Logout {
    @Test
    void clearsTheCookiesWithoutAuthentication() {
      Http.Reply r = http.post("/v1/auth/logout", "", null);
      assertEquals(200, r.status());
      assertEquals("Logged out successfully", r.json().get("message").asText());
      List<String> cookies = r.headerValues("Set-Cookie");
      for (String name : List.of("evalue_access_token", "evalue_refresh_token", "evalue_session_data")) {
        assertTrue(cookie(cookies, name).contains("Max-Age=0"), name);
      }
    }

    @Test
    void revokesTheRefreshCookie() {
      String refresh = loginRefreshToken();
      http.send(http.request("/v1/auth/logout").POST(java.net.http.HttpRequest.BodyPublishers.noBody())
          .header("Cookie", "evalue_refresh_token=" + refresh));
      assertEquals(401, http.post("/v1/auth/refresh", Http.obj("refresh_token", refresh), null).status());
    }
  }

  @Nested
  class Attacks {
    @Test
    void aValidTokenWorks() {
      assertEquals(200, status(claims(account.user(), "access").sign(key())));
    }

    @Test
    void algNoneIsRefused() {
      String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
      String payload = b64("{\"iss\":\"evalue\",\"sub\":\"" + account.user() + "\",\"typ\":\"access\",\"exp\":"
          + (Instant.now().getEpochSecond() + 600) + "}");
      assertEquals(401, status(header + "." + payload + "."));
      assertEquals(401, status(header + "." + payload + ".c2lnbmF0dXJl"));
    }

    @Test
    void otherAlgorithmsAreRefused() {
      byte[] secret = APP.getConfiguration().auth.jwtSecret.getBytes(StandardCharsets.UTF_8);
      assertEquals(401, status(claims(account.user(), "access").sign(Algorithm.HMAC512(secret))));
      assertEquals(401, status(claims(account.user(), "access").sign(Algorithm.HMAC384(secret))));
      // an RS256 header over an HMAC signature (algorithm confusion)
      String token = claims(account.user(), "access").sign(key());
      String[] parts = token.split("\\.");
      assertEquals(401, status(b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]));
    }

    @Test
    void badSignaturesAreRefused() {
      String forged = claims(account.user(), "access").sign(Algorithm.HMAC256("another-secret-0123456789-abcdefghij"));
      assertEquals(401, status(forged));
      String token = claims(account.user(), "access").sign(key());
      String[] parts = token.split("\\.");
      String tampered = parts[0] + "." + b64("{\"iss\":\"evalue\",\"sub\":\"" + UUID.randomUUID()
          + "\",\"typ\":\"access\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}") + "." + parts[2];
      assertEquals(401, status(tampered));
    }

    @Test
    void expiredTokensAreRefusedBeyondTheClockSkew() {
      Instant now = Instant.now();
      String expired = JWT.create().withIssuer("evalue").withSubject(account.user().toString())
          .withIssuedAt(now.minusSeconds(7200)).withExpiresAt(now.minusSeconds(60)).withClaim("typ", "access")
          .sign(key());
      assertEquals(401, status(expired));
      String withinSkew = JWT.create().withIssuer("evalue").withSubject(account.user().toString())
          .withIssuedAt(now.minusSeconds(3600)).withExpiresAt(now.minusSeconds(10)).withClaim("typ", "access")
          .sign(key());
      assertEquals(200, status(withinSkew));
      String noExpiry = JWT.create().withIssuer("evalue").withSubject(account.user().toString())
          .withClaim("typ", "access").sign(key());
      assertEquals(401, status(noExpiry));
    }

    @Test
    void wrongTypeIssuerOrSubjectIsRefused() {
      assertEquals(401, status(claims(account.user(), "refresh").sign(key())));
      assertEquals(401, status(claims(account.user(), "session").sign(key())));
      assertEquals(401, status(JWT.create().withIssuer("evalue").withSubject(account.user().toString())
          .withExpiresAt(Instant.now().plusSeconds(60)).sign(key())));
      assertEquals(401, status(claims(account.user(), "access").withIssuer("someone-else").sign(key())));
      assertEquals(401, status(claims(UUID.randomUUID(), "access").sign(key())));
      assertEquals(401, status(JWT.create().withIssuer("evalue").withSubject("' OR 1=1 --")
          .withExpiresAt(Instant.now().plusSeconds(60)).withClaim("typ", "access").sign(key())));
    }

    @Test
    void deactivatedUsersAndKeysAreRefused() {
      // the user's state is cached (auth.user_cache_ttl); announced changes take effect at once (CachedStateTest)
      Fixtures.Account a = fx.account();
      String token = Session.token(http, a.apiKey());
      assertEquals(200, status(token));
      fx.changeAndAnnounce(a.user(), "UPDATE api_user SET is_active = false WHERE id = ?", a.apiUser());
      Eventually.assertBecomes(401, () -> status(token), "revoked key");
      fx.changeAndAnnounce(a.user(), "UPDATE api_user SET is_active = true WHERE id = ?", a.apiUser());
      Eventually.assertBecomes(200, () -> status(token), "key active again");
      fx.changeAndAnnounce(a.user(), "UPDATE app_user SET is_active = false WHERE id = ?", a.user());
      Eventually.assertBecomes(401, () -> status(token), "deactivated user");
      assertEquals(401, http.get("/v1/in_life_data/" + vin, token).status());
    }

    @Test
    void malformedHeadersAreRefused() {
      for (String header : List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a.b", "Token abc",
          "Bearer " + "a".repeat(5000))) {
        Http.Reply r = http.send(http.request("/v1/account/fleets").header("Authorization", header));
        assertEquals(401, r.status(), header);
        assertEquals("{\"code\":401,\"message\":\"Could not validate credentials\"}", r.body());
      }
    }

    @Test
    void aRefusedRequestIsNeitherMeteredNorLogged() {
      long before = fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ?", account.user());
      Http.Reply r = http.get("/v1/in_life_data/" + vin, "garbage");
      assertEquals(401, r.status());
      assertEquals(null, r.header("X-RateLimit-Limit"));
      assertEquals(before, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ?", account.user()));
    }
  }

  static String loginRefreshToken() {
    Http.Reply login = http.post("/v1/auth/login",
        Http.obj("email", account.email(), "password", Fixtures.PASSWORD), null);
    assertEquals(200, login.status());
    return value(cookie(login.headerValues("Set-Cookie"), "evalue_refresh_token"));
  }

  static String cookie(List<String> setCookies, String name) {
    return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + setCookies));
  }

  static String value(String setCookie) {
    String first = setCookie.split(";")[0];
    return first.substring(first.indexOf('=') + 1);
  }

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
