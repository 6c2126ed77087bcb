package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hostile input: SQL injection in every text parameter, oversized and malformed bodies, unknown routes. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RobustnessTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static final List<String> INJECTIONS = List.of(
      "' OR '1'='1", "'; DROP TABLE vehicle; --", "\" OR 1=1 --", "1; SELECT pg_sleep(5)", "1' AND 1=1 --",
      "' UNION SELECT password_hash FROM app_user --", "$$; DROP TABLE app_user; $$", "\\'; --", "admin'--",
      "1) OR (1=1", "NULL", "<script>alert(1)</script>");
  static Fixtures fx;
  static Http http;
  static Fixtures.Account account;
  static String token;
  static String vin;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    account = fx.accountWithLimits(100_000, 100_000, null);
    token = Session.token(http, account.apiKey());
    vin = Fixtures.vin();
    UUID v = fx.activatedVehicle(account.fleet(), vin);
    fx.week(v, Fixtures.monday(1), 10.0, 0.99, null);
  }

  /** A path segment, percent-encoded. */
  static String seg(String s) {
    return Http.enc(s).replace("+", "%20");
  }

  /** Never a 500, always the JSON error body; the tables are intact. */
  static void safe(Http.Reply r, String what) {
    assertNotEquals(500, r.status(), what + " " + r);
    if (r.status() >= 400) {
      assertEquals(r.status(), r.json().get("code").asInt(), what + " " + r);
      assertTrue(r.json().has("message"), what);
    }
  }

  @Nested
  class SqlInjection {
    @Test
    void inPathParameters() {
      List<String> templates = List.of("/v1/in_life_data/%s", "/v1/in_life_data/check-eligibility/%s",
          "/v1/static_data/models/%s/data", "/v1/static_data/models/%s/trendline", "/v1/flash/%s/soh?odometer=1",
          "/v1/vehicle-command/%s/models", "/v1/dashboard/search/%s");
      for (String template : templates) {
        for (String attack : INJECTIONS) {
          String path = String.format(template, seg(attack));
          safe(http.get(path, token), path);
        }
      }
    }

    @Test
    void inQueryParameters() {
      List<String> names = List.of("/v1/account/vehicles?fleet_id=", "/v1/account/vehicles?vin=",
          "/v1/account/vehicles?page=", "/v1/account/vehicles?page_size=",
          "/v1/vehicle-command/eligible-models?has_flash_soh=", "/v1/vehicle-command/eligible-models?has_oem_soh=",
          "/v1/vehicle-command/eligible-models?has_estimated_soh=", "/v1/dashboard/kpis?fleet_id=",
          "/v1/dashboard/last_timestamp_with_data?fleet_id=", "/v1/dashboard/new_vehicles?period=",
          "/v1/dashboard/table_brand?filter=", "/v1/dashboard/soh_by_groups?group=",
          "/v1/dashboard/soh_by_groups?group=0-20k&page=", "/v1/dashboard/extremum_vehicles?brand=",
          "/v1/dashboard/extremum_vehicles?page_size=", "/v1/dashboard/extremum_vehicles?extremum=",
          "/v1/dashboard/extremum_vehicles?sorting_column=", "/v1/dashboard/extremum_vehicles?sorting_order=",
          "/v1/flash/" + UUID.randomUUID() + "/soh?odometer=");
      for (String prefix : names) {
        for (String attack : INJECTIONS) {
          Http.Reply r = http.get(prefix + Http.enc(attack), token);
          safe(r, prefix + attack);
          assertTrue(r.status() == 422 || r.status() == 404 || r.status() == 200, prefix + attack + " " + r);
        }
      }
    }

    @Test
    void inBodies() {
      for (String attack : INJECTIONS) {
        safe(http.post("/v1/auth/token", Http.obj("email", attack, "password", attack), null), "token " + attack);
        safe(http.post("/v1/auth/token", Http.obj("api_key", attack), null), "api_key " + attack);
        safe(http.post("/v1/auth/login", Http.obj("email", attack + "@x.test", "password", attack), null), attack);
        safe(http.post("/v1/auth/refresh", Http.obj("refresh_token", attack), null), attack);
        Map<String, Object> vehicle = Http.obj("vin", attack, "make", attack, "model", attack, "type", attack);
        safe(http.post("/v1/vehicle-command/order-soh-report", Http.obj("fleet_id", account.fleet().toString(),
            "activation_orders", List.of(Http.obj("vehicle", vehicle))), token), attack);
        safe(http.post("/v1/vehicle-command/deactivate", Http.obj("fleet_id", account.fleet().toString(),
            "vins", List.of(attack)), token), attack);
      }
      // accepted orders store text as text: make, model and comment
      String newVin = Fixtures.vin();
      String comment = "'); DELETE FROM vehicle; --";
      Http.Reply ok = http.post("/v1/vehicle-command/order-soh-report", Http.obj("fleet_id", account.fleet().toString(),
          "activation_orders", List.of(Http.obj("vehicle", Http.obj("vin", newVin, "make", "tesla", "model",
              "' OR 1=1 --"), "activation", Http.obj("request_soh_estimated", true), "comment", comment))), token);
      assertEquals(200, ok.status(), ok.toString());
      Http.Reply badMake = http.post("/v1/vehicle-command/order-soh-report", Http.obj("fleet_id",
          account.fleet().toString(), "activation_orders", List.of(Http.obj("vehicle", Http.obj("vin", Fixtures.vin(),
              "make", "tesla' OR '1'='1"), "activation", Http.obj("request_soh_estimated", true)))), token);
      assertEquals("Make 'tesla' OR '1'='1' not found in database",
          badMake.json().get("vehicles").get(0).get("message").asText());
      assertEquals(1, fx.count("SELECT count(*) FROM vehicle WHERE vin = ? AND activation_comment = ?", newVin,
          comment));
      assertTrue(fx.count("SELECT count(*) FROM vehicle") > 1, "vehicles");
      assertEquals(1, fx.count("SELECT count(*) FROM app_user WHERE id = ?", account.user()));
      assertEquals(200, http.get("/v1/in_life_data/" + vin, token).status());
    }
  }

  @Nested
  class Bodies {
    @Test
    void oversizedBodiesAre400() {
      // With a Content-Length above the limit the answer comes before the body is read. Sent on a raw socket with
      // only the start of the body, so that no upload races the server closing the connection.
      String head = "POST /v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (2 * 1024 * 1024) + "\r\n\r\n{\"email\":\"aaaa";
      String answer = rawExchange(head);
      assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
      assertTrue(answer.contains("\"message\":\"Request body too large"), answer);
      // Chunked (no length): the limit is found while reading; just over it, so that the whole upload is sent
      // by the time the server answers.
      byte[] bytes = ("{\"email\":\"" + "a".repeat(1_048_576) + "\"}").getBytes(StandardCharsets.UTF_8);
      Http.Reply chunked = http.send(http.request("/v1/vehicle-command/order-soh-report")
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
      assertEquals(400, chunked.status(), chunked.toString());
      assertEquals(400, chunked.json().get("code").asInt());
    }

    /** Writes {@code request}, reads the response head and its Content-Length body. */
    private String rawExchange(String request) {
      try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        while (!headBytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          headBytes.write(b);
        }
        String responseHead = headBytes.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(responseHead);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return responseHead + new String(body, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Test
    void malformedJsonIs400() {
      List<String> bodies = new ArrayList<>(List.of("{", "{\"fleet_id\":", "not json", "[1,2", "{'a':1}",
          "{\"a\":1}}", "\u0000\u0001"));
      bodies.add("[".repeat(5000) + "]".repeat(5000));
      for (String body : bodies) {
        for (String path : List.of("/v1/vehicle-command/order-soh-report", "/v1/auth/token", "/v1/auth/login",
            "/v1/vehicle-command/deactivate")) {
          Http.Reply r = http.post(path, body, token);
          assertEquals(400, r.status(), path + " " + body.substring(0, Math.min(20, body.length())) + " " + r);
          assertEquals(400, r.json().get("code").asInt());
        }
      }
      assertEquals(400, http.post("/v1/auth/refresh", "{", null).status());
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIs422() {
      Http.Reply r = http.post("/v1/vehicle-command/order-soh-report", "{\"fleet_id\":123,\"activation_orders\":\"x\"}",
          token);
      assertEquals(422, r.status(), r.toString());
      assertTrue(r.json().get("errors").size() > 0);
      assertEquals(422, http.post("/v1/vehicle-command/order-soh-report", "[]", token).status());
      assertEquals(422, http.post("/v1/vehicle-command/order-soh-report", "null", token).status());
    }
  }

  @Nested
  class Routes {
    @Test
    void unknownRoutesMethodsAndMediaTypesAreJsonErrors() {
      Http.Reply notFound = http.get("/v1/nothing-here", token);
      assertEquals("{\"code\":404,\"message\":\"Not found\"}", notFound.body());
      assertEquals(404, http.get("/elsewhere").json().get("code").asInt());
      Http.Reply method = http.get("/v1/auth/token");
      assertEquals(405, method.status());
      assertEquals(405, method.json().get("code").asInt());
      Http.Reply media = http.send(http.request("/v1/auth/token").header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofString("hello")));
      assertEquals(415, media.status());
      assertEquals(415, media.json().get("code").asInt());
    }

    @Test
    void reportsAreNotRoutedYet() {
      assertEquals(404, http.get("/v1/premium/" + vin + "/data", token).status());
    }

    @Test
    void requestIdsAreEchoedOrGenerated() {
      Http.Reply given = http.send(http.request("/v1/health").header("X-Request-Id", "abc-123"));
      assertEquals("abc-123", given.header("X-Request-Id"));
      Http.Reply hostile = http.send(http.request("/v1/health").header("X-Request-Id", "<script>"));
      assertNotEquals("<script>", hostile.header("X-Request-Id"));
      assertEquals(36, hostile.header("X-Request-Id").length());
      assertTrue(http.get("/v1/nothing-here").header("X-Request-Id") != null);
    }

    @Test
    void corsOnlyForConfiguredOrigins() {
      Http.Reply allowed = http.send(http.request("/v1/account/fleets").header("Origin", "https://app.evalue.test")
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Access-Control-Request-Method", "GET"));
      assertEquals(204, allowed.status());
      assertEquals("https://app.evalue.test", allowed.header("Access-Control-Allow-Origin"));
      assertEquals("true", allowed.header("Access-Control-Allow-Credentials"));
      Http.Reply other = http.send(http.request("/v1/health").header("Origin", "https://evil.test"));
      assertEquals(null, other.header("Access-Control-Allow-Origin"));
    }
  }
}
