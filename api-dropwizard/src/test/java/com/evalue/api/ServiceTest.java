package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.support.Http;
import com.evalue.api.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §1.3–1.4: health, the OpenAPI document, Swagger UI and the admin port. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ServiceTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static Http http;

  @BeforeAll
  static void setUp() {
    http = new Http(APP.getLocalPort());
  }

  /** Every "METHOD /path" Jersey serves under /v1, from its resource model (documentation routes excepted). */
  static Set<String> routes() {
    Set<String> routes = new TreeSet<>();
    var config = APP.getEnvironment().jersey().getResourceConfig();
    Set<Class<?>> types = new java.util.HashSet<>(config.getClasses());
    config.getInstances().forEach(i -> types.add(i.getClass()));
    config.getSingletons().forEach(i -> types.add(i.getClass()));
    for (Class<?> type : types) {
      if (!type.isAnnotationPresent(jakarta.ws.rs.Path.class) || type.isAnnotationPresent(Hidden.class)) {
        continue;
      }
      Resource resource = Resource.from(type);
      collect(resource, "", routes);
    }
    return routes;
  }

  static void collect(Resource resource, String prefix, Set<String> routes) {
    String path = (prefix + "/" + resource.getPath()).replaceAll("/+", "/").replaceAll("/$", "");
    for (ResourceMethod m : resource.getResourceMethods()) {
      routes.add(m.getHttpMethod() + " " + path);
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, routes);
    }
  }

  static Set<String> documented(JsonNode doc) {
    Set<String> routes = new TreeSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
        .forEachRemaining(method -> routes.add(method.toUpperCase() + " " + p.getKey())));
    return routes;
  }

  @Nested
  class Health {
    @Test
    void healthyWithoutAuthentication() {
      Http.Reply r = http.get("/v1/health");
      assertEquals(200, r.status());
      assertEquals("{\"status\":\"healthy\"}", r.body());
    }

    @Test
    void adminPortHasHealthChecksAndMetrics() {
      Http admin = new Http(APP.getAdminPort());
      JsonNode checks = admin.get("/healthcheck").json();
      assertTrue(checks.get("database").get("healthy").asBoolean());
      assertTrue(checks.get("redis").get("healthy").asBoolean());
      assertTrue(checks.get("call-log").get("healthy").asBoolean());
      assertTrue(admin.get("/metrics").json().get("counters").has("calllog.enqueued"));
    }

    @Test
    void adminPortServesPrometheusText() throws InterruptedException {
      Http admin = new Http(APP.getAdminPort());
      long before = responses2xx(admin.get("/prometheus").body());
      assertEquals(200, http.get("/v1/health").status());
      Http.Reply r = admin.get("/prometheus");
      assertEquals(200, r.status());
      assertTrue(r.header("Content-Type").startsWith("text/plain; version=0.0.4"), r.header("Content-Type"));
      for (String line : r.body().split("\n")) {
        assertTrue(line.matches("# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|summary)")
            || line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-z]+=\"[^\"]*\"})? (-?[0-9.E+-]+|NaN|[+-]Inf)"), line);
      }
      assertTrue(r.body().contains("evalue_api_health_check{check=\"database\"} 1"), r.body());
      assertTrue(r.body().contains("evalue_api_health_check{check=\"redis\"} 1"), r.body());
      assertTrue(r.body().contains("# TYPE evalue_api_calllog_enqueued gauge"), r.body());
      // Jetty counts a response when its exchange completes, which can be just after the client has read it
      long deadline = System.nanoTime() + 5_000_000_000L;
      long after = responses2xx(r.body());
      while (after <= before && System.nanoTime() < deadline) {
        Thread.sleep(10);
        after = responses2xx(admin.get("/prometheus").body());
      }
      assertTrue(after > before, "the health request is counted");
    }
  }

  /** Jetty's count of 2xx responses in a Prometheus text. */
  static long responses2xx(String text) {
    return text.lines().filter(l -> l.matches("evalue_api_\\S*2xx_responses_total \\d+"))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1))).sum();
  }

  @Nested
  class OpenApi {
    @Test
    void theFullDocumentListsEveryRoute() {
      Set<String> served = routes();
      assertTrue(served.size() >= 27, served.toString());
      JsonNode full = http.get("/v1/openapi.json?internal=true").json();
      assertEquals(served, documented(full));
      assertEquals("/v1", full.get("servers").get(0).get("url").asText());
      assertTrue(full.get("components").get("securitySchemes").has("bearer"));
    }

    @Test
    void thePublicDocumentLeavesOutInternalRoutes() {
      JsonNode pub = http.get("/v1/openapi.json").json();
      Set<String> routes = documented(pub);
      for (String expected : new String[] {"GET /in_life_data/{vin}", "GET /in_life_data/check-eligibility/{vin}",
          "POST /auth/token", "POST /auth/logout", "GET /flash/{model_id}/soh", "GET /account/fleets",
          "GET /account/vehicles", "GET /vehicle-command/eligible-models", "POST /vehicle-command/order-soh-report",
          "GET /static_data/models/{model_id}/data", "GET /health"}) {
        assertTrue(routes.contains(expected), expected + " in " + routes);
      }
      for (String internal : new String[] {"POST /auth/login", "POST /auth/refresh", "GET /vehicle-command/makes",
          "POST /vehicle-command/activate", "GET /billing/usage", "GET /dashboard/kpis",
          "GET /static_data/models/{model_id}/trendline"}) {
        assertFalse(routes.contains(internal), internal);
      }
      assertFalse(pub.toString().contains("\"internal\""));
      // open endpoints declare no security requirement
      assertEquals(0, pub.get("paths").get("/auth/token").get("post").get("security").size());
      // response schemas use the wire names
      assertTrue(pub.get("components").get("schemas").get("InLifeData").get("properties").has("soh_ci_low"));
    }

    @Test
    void swaggerUiIsServed() {
      Http.Reply page = http.get("/v1/docs");
      assertEquals(200, page.status());
      assertTrue(page.body().contains("SwaggerUIBundle"));
      assertTrue(page.body().contains("/v1/openapi.json?internal=true"));
      for (String asset : new String[] {"swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"}) {
        assertEquals(200, http.get("/v1/docs/" + asset).status(), asset);
      }
      assertEquals(404, http.get("/v1/docs/nothing.js").status());
      assertEquals(404, http.get("/v1/docs/..%2Fpom.properties").status() == 400 ? 404
          : http.get("/v1/docs/..%2Fpom.properties").status());
    }
  }
}
