package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §5.4 with results.md §2.4 (curve priority) and §9 (flash SoH). */
@ExtendWith(DropwizardExtensionsSupport.class)
class StaticDataAndFlashTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static Fixtures fx;
  static Http http;
  static String token;
  static UUID catalogueModel;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    token = Session.token(http, fx.account().apiKey());
    catalogueModel = fx.jdbi().withHandle(h -> h.createQuery(
        "SELECT id FROM vehicle_model WHERE evdb_model_id = 900003").mapTo(UUID.class).one());
  }

  /** A model of its own group (unique name, own battery) for the OEM of {@code make}. */
  static UUID model(String make, String version) {
    return fx.jdbi().withHandle(h -> {
      UUID battery = h.createQuery("INSERT INTO battery (capacity, net_capacity) VALUES (60, 57.5) RETURNING id")
          .mapTo(UUID.class).one();
      return h.createQuery("""
          INSERT INTO vehicle_model (model_name, type, version, oem_id, make_id, battery_id)
          SELECT :n, 'base', :v, o.id, m.id, :b FROM make m JOIN oem o ON o.id = m.oem_id WHERE m.make_name = :make
          RETURNING id""").bind("n", fx.unique("model")).bind("v", version).bind("b", battery).bind("make", make)
          .mapTo(UUID.class).one();
    });
  }

  static void curve(UUID model, String scope, String source, double a, double b) {
    for (String band : List.of("mean", "lower", "upper")) {
      double offset = band.equals("lower") ? 0.98 : 1.0;
      double coefficient = band.equals("upper") ? a / 2 : band.equals("lower") ? a * 1.2 : a;
      fx.execute("""
          INSERT INTO trendline (scope, model_name, battery_id, oem_id, source, band, a, b, "offset", fitted_at)
          SELECT ?, CASE WHEN ? = 'oem' THEN NULL ELSE model_name END, CASE WHEN ? = 'oem' THEN NULL ELSE battery_id END,
                 CASE WHEN ? = 'oem' THEN oem_id ELSE NULL END, ?, ?, ?, ?, ?, now()
          FROM vehicle_model WHERE id = ?""", scope, scope, scope, scope, source, band, coefficient, b, offset, model);
    }
  }

  @Nested
  class ModelData {
    @Test
    void theCatalogueSpecification() {
      JsonNode j = http.get("/v1/static_data/models/" + catalogueModel + "/data", token).json();
      assertEquals(catalogueModel.toString(), j.get("model_id").asText());
      assertEquals("tesla", j.get("make").asText());
      assertEquals("model 3", j.get("model_name").asText());
      assertEquals("long range awd", j.get("model_type").asText());
      assertTrue(j.get("vehicle").has("autonomy_combined_summer"));
      assertEquals(8, j.get("vehicle").get("warranty_date").asInt());
      assertTrue(j.get("battery").has("battery_net_capacity"));
      assertTrue(j.get("battery").get("battery_capacity").asDouble() > 0);
    }

    @Test
    void unknownModelIs404AndBadUuid400() {
      Http.Reply r = http.get("/v1/static_data/models/" + UUID.randomUUID() + "/data", token);
      assertEquals(404, r.status());
      assertEquals("Model not found", r.json().get("message").asText());
      assertEquals(400, http.get("/v1/static_data/models/1234/data", token).status());
    }
  }

  @Nested
  class TrendlineEndpoint {
    @Test
    void theGroupsCurves() {
      UUID m = model("tesla", "MTY13C");
      curve(m, "model_group", "estimated", 0.02, 20_000);
      JsonNode j = http.get("/v1/static_data/models/" + m + "/trendline", token).json();
      assertEquals(0.02, j.get("estimated").get("mean").get("a").asDouble(), 1e-9);
      assertEquals(20_000, j.get("estimated").get("mean").get("b").asDouble(), 1e-6);
      assertEquals(0.98, j.get("estimated").get("lower").get("offset").asDouble(), 1e-9);
      assertTrue(j.get("oem").isNull());
      assertEquals("This trendline is based on the version of the model", j.get("comment").asText());
    }

    @Test
    void noTrendlineIs404() {
      assertEquals(404, http.get("/v1/static_data/models/" + model("tesla", null) + "/trendline", token).status());
    }
  }

  @Nested
  class Flash {
    @Test
    void prefersTheOemCurveThenEstimatedThenTheOemLevelOne() {
      UUID m = model("kia", null);
      curve(m, "model_group", "estimated", 0.03, 30_000);
      JsonNode est = http.get("/v1/flash/" + m + "/soh?odometer=60000", token).json();
      assertEquals("estimated", est.get("source").asText());
      assertEquals(1 - 0.03 * Math.log1p(2.0), est.get("soh").asDouble(), 1e-9);
      assertEquals(60_000, est.get("odometer").asInt());
      JsonNode min = est.get("trendline_min");
      assertEquals(5, min.size());
      assertEquals(120_000, min.get(4).get(0).asInt());
      assertEquals(0.98 - 0.036 * Math.log1p(4.0), min.get(4).get(1).asDouble(), 1e-9);
      assertEquals(1.0, est.get("trendline_max").get(0).get(1).asDouble(), 1e-9);

      curve(m, "model_group", "oem", 0.01, 30_000);
      assertEquals("oem", http.get("/v1/flash/" + m + "/soh?odometer=0", token).json().get("source").asText());
    }

    @Test
    void fallsBackToTheOemLevelCurve() {
      UUID m = model("volvo", null);
      curve(m, "oem", "combined", 0.025, 40_000);
      JsonNode j = http.get("/v1/flash/" + m + "/soh?odometer=40000", token).json();
      assertEquals("combined", j.get("source").asText());
      assertEquals(1 - 0.025 * Math.log(2), j.get("soh").asDouble(), 1e-9);
    }

    @Test
    void errors() {
      Http.Reply none = http.get("/v1/flash/" + model("bmw", null) + "/soh?odometer=10", token);
      assertEquals(404, none.status());
      assertEquals("Model not found or model has no trendline", none.json().get("message").asText());
      assertEquals(404, http.get("/v1/flash/" + UUID.randomUUID() + "/soh?odometer=10", token).status());
      for (String bad : List.of("-1", "abc", "1.5", "")) {
        assertEquals(422, http.get("/v1/flash/" + catalogueModel + "/soh?odometer=" + bad, token).status(), bad);
      }
      assertEquals(422, http.get("/v1/flash/" + catalogueModel + "/soh", token).status());
    }
  }
}
