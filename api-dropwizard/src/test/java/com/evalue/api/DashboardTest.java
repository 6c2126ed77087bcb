package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** api.md §5.7 on a fleet of five vehicles with known weekly rows. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardTest {
  static final DropwizardAppExtension<ApiConfiguration> APP = TestApp.create();
  static Fixtures fx;
  static Http http;
  static Fixtures.Account account;
  static Fixtures.Account other;
  static String token;
  static String q;
  static LocalDate last = Fixtures.monday(1);
  static List<String> vins = new ArrayList<>();

  /**
   * v0 tesla: estimated 0.97 @ 15 000 km (latest), pinned, comparison 1.2, start 2022-01-01
   * v1 tesla: estimated 0.91 @ 45 000 km, comparison 0.8
   * v2 bmw: OEM SoH only 1.02 @ 0 km, comparison 1.5
   * v3 kia: estimated 0.79 @ 120 000 km, latest row 5 weeks ago, comparison 0.5
   * v4 tesla: no data
   */
  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    http = new Http(APP.getLocalPort());
    account = fx.account();
    other = fx.account();
    token = Session.token(http, account.apiKey());
    q = "?fleet_id=" + account.fleet();
    String[] makes = {"tesla", "tesla", "bmw", "kia", "tesla"};
    List<UUID> ids = new ArrayList<>();
    for (String make : makes) {
      String vin = Fixtures.vin();
      vins.add(vin);
      ids.add(fx.vehicle(account.fleet(), vin, true, true, make));
    }
    fx.week(ids.get(0), last.minusWeeks(1), 14_000.0, 0.975, null);
    fx.week(ids.get(0), last, 15_000.0, 0.97, null);
    fx.week(ids.get(1), last, 45_000.0, 0.91, 0.95);
    fx.week(ids.get(2), last, 0.0, null, 1.02);
    fx.week(ids.get(3), last.minusWeeks(5), 120_000.0, 0.79, null);
    fx.execute("UPDATE vehicle SET is_pinned = true, start_date = '2022-01-01', health_score = 'B' WHERE id = ?",
        ids.get(0));
    fx.execute("UPDATE vehicle SET activation_status = false WHERE id = ?", ids.get(4));
    double[] comparison = {1.2, 0.8, 1.5, 0.5};
    for (int i = 0; i < 4; i++) {
      fx.execute("UPDATE vehicle_data SET soh_comparison = ?, level_1 = 0.5, level_2 = 0.25, level_3 = 0.25"
          + " WHERE vehicle_id = ?", comparison[i], ids.get(i));
    }
    // noise in another company's fleet
    UUID foreign = fx.activatedVehicle(other.fleet(), Fixtures.vin());
    fx.week(foreign, last.plusWeeks(0), 1.0, 0.5, null);
  }

  @Nested
  class LastTimestamp {
    @Test
    void theLatestWeekWithSohAndOdometer() {
      assertEquals(last.toString(), http.get("/v1/dashboard/last_timestamp_with_data" + q, token).json()
          .get("timestamp").asText());
      Fixtures.Account empty = fx.account();
      assertTrue(http.get("/v1/dashboard/last_timestamp_with_data", Session.token(http, empty.apiKey())).json()
          .get("timestamp").isNull());
      assertEquals(403, http.get("/v1/dashboard/last_timestamp_with_data?fleet_id=" + other.fleet(), token).status());
    }
  }

  @Nested
  class Kpis {
    @Test
    void currentAndPreviousWindows() {
      JsonNode k = http.get("/v1/dashboard/kpis" + q, token).json();
      assertEquals(2, k.size(), k.toString());
      JsonNode current = k.get(0);
      assertEquals(last.toString(), current.get("period_end").asText());
      assertEquals(last.minusDays(30).toString(), current.get("period_start").asText());
      assertEquals(3, current.get("vehicle_count").asInt());
      assertEquals(1, current.get("pinned_count").asInt());
      assertEquals(20_000.0, current.get("avg_odometer").asDouble());
      assertEquals(96.7, current.get("avg_soh_pct").asDouble()); // (0.97 + 0.91 + 1.02) / 3
      JsonNode previous = k.get(1);
      assertEquals(1, previous.get("vehicle_count").asInt());
      assertEquals(79.0, previous.get("avg_soh_pct").asDouble());
    }
  }

  @Nested
  class NewVehicles {
    @Test
    void lastFourMonthsOrYears() {
      JsonNode m = http.get("/v1/dashboard/new_vehicles" + q + "&period=monthly", token).json();
      assertEquals(4, m.size());
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      assertEquals(today.toString().substring(0, 7), m.get(3).get("period").asText());
      assertEquals(5, m.get(3).get("vehicle_count").asInt());
      assertEquals(0, m.get(0).get("vehicle_count").asInt());
      JsonNode y = http.get("/v1/dashboard/new_vehicles" + q + "&period=annually", token).json();
      assertEquals(Integer.toString(today.getYear()), y.get(3).get("period").asText());
      assertEquals(422, http.get("/v1/dashboard/new_vehicles" + q + "&period=weekly", token).status());
    }
  }

  @Nested
  class TableBrand {
    @Test
    void groupsByMakeRegionOrBoth() {
      JsonNode byMake = http.get("/v1/dashboard/table_brand" + q + "&filter=make", token).json();
      JsonNode tesla = find(byMake, "oem_name", "Tesla");
      assertEquals(3, tesla.get("vehicle_count").asInt());
      assertEquals(94.0, tesla.get("avg_soh_pct").asDouble());
      assertFalse(tesla.has("region"));
      JsonNode byRegion = http.get("/v1/dashboard/table_brand" + q + "&filter=region", token).json();
      assertEquals(5, find(byRegion, "region", "Unknown").get("vehicle_count").asInt());
      JsonNode both = http.get("/v1/dashboard/table_brand" + q + "&filter=make_region", token).json();
      assertEquals(2, find(both, "oem_name", "Tesla").get("vehicle_count").asInt()); // activated only
      assertEquals(422, http.get("/v1/dashboard/table_brand" + q + "&filter=color", token).status());
    }
  }

  @Nested
  class Search {
    @Test
    void substringWithinAccessibleFleets() {
      String fragment = vins.get(0).substring(5, 12).toLowerCase();
      JsonNode hits = http.get("/v1/dashboard/search/" + fragment, token).json();
      assertEquals(vins.get(0), hits.get(0).get("vin").asText());
      assertEquals(account.fleet().toString(), hits.get(0).get("fleet_id").asText());
      assertTrue(hits.size() <= 10);
      Http.Reply short2 = http.get("/v1/dashboard/search/ab", token);
      assertEquals(422, short2.status());
      assertEquals(0, http.get("/v1/dashboard/search/" + Http.enc("' OR 1=1 --"), token).json().size());
      Http.Reply ambiguous = http.get("/v1/dashboard/search/" + Http.enc("%%%"), token); // refused by Jetty
      assertEquals(400, ambiguous.status());
      assertEquals(400, ambiguous.json().get("code").asInt());
      assertEquals(0, http.get("/v1/dashboard/search/___", token).json().size());
    }
  }

  @Nested
  class SohByGroups {
    @Test
    void sohAndMileageBands() {
      JsonNode top = http.get("/v1/dashboard/soh_by_groups" + q + "&group=" + Http.enc("100-95%"), token).json();
      List<String> topVins = new ArrayList<>();
      top.get("data").forEach(d -> topVins.add(d.get("vin").asText()));
      assertEquals(List.of(vins.get(2), vins.get(0)), topVins); // 102 % (OEM) and 97 %
      assertEquals(2, top.get("pagination").get("total_items").asInt());
      assertEquals(1, top.get("pagination").get("total_pages").asInt());
      assertEquals(1, top.get("pagination").get("current_page").asInt());
      assertEquals(102.0, top.get("data").get(0).get("soh_pct").asDouble());
      JsonNode low = http.get("/v1/dashboard/soh_by_groups" + q + "&group=" + Http.enc("<80%"), token).json();
      assertEquals(vins.get(3), low.get("data").get(0).get("vin").asText());
      JsonNode zero = http.get("/v1/dashboard/soh_by_groups" + q + "&group=0-20k", token).json();
      assertEquals(2, zero.get("pagination").get("total_items").asInt()); // 0 km and 15 000 km
      JsonNode far = http.get("/v1/dashboard/soh_by_groups" + q + "&group=" + Http.enc(">100k"), token).json();
      assertEquals(1, far.get("pagination").get("total_items").asInt());
      assertEquals(422, http.get("/v1/dashboard/soh_by_groups" + q + "&group=" + Http.enc("50-40%"), token).status());
      assertEquals(422, http.get("/v1/dashboard/soh_by_groups" + q, token).status());
    }
  }

  @Nested
  class Extremum {
    @Test
    void worstFirstByDefaultAndBestOnRequest() {
      JsonNode worst = http.get("/v1/dashboard/extremum_vehicles" + q, token).json();
      List<String> order = new ArrayList<>();
      worst.get("vehicles").forEach(v -> order.add(v.get("vin").asText()));
      assertEquals(List.of(vins.get(3), vins.get(1), vins.get(0), vins.get(2)), order);
      JsonNode v0 = worst.get("vehicles").get(2);
      assertEquals(97.0, v0.get("soh_pct").asDouble());
      assertEquals("B", v0.get("score").asText());
      assertEquals(0.25, v0.get("fast_charge_ratio").asDouble());
      assertTrue(v0.get("years_remaining").asDouble() > 0);
      assertEquals(4, worst.get("pagination").get("total_items").asInt());
      assertFalse(worst.get("pagination").get("has_next").asBoolean());
      assertEquals(3, worst.get("brands").size());
      JsonNode best = http.get("/v1/dashboard/extremum_vehicles" + q + "&extremum=Best&page_size=2", token).json();
      assertEquals(vins.get(2), best.get("vehicles").get(0).get("vin").asText());
      assertTrue(best.get("pagination").get("has_next").asBoolean());
      assertEquals(2, best.get("pagination").get("total_pages").asInt());
    }

    @Test
    void sortingFilteringAndValidation() {
      JsonNode byOdo = http.get("/v1/dashboard/extremum_vehicles" + q + "&sorting_column=odometer&sorting_order=desc",
          token).json();
      assertEquals(vins.get(3), byOdo.get("vehicles").get(0).get("vin").asText());
      String bmw = fx.jdbi().withHandle(h -> h.createQuery("SELECT id::text FROM oem WHERE code = 'bmw'")
          .mapTo(String.class).one());
      JsonNode onlyBmw = http.get("/v1/dashboard/extremum_vehicles" + q + "&brand=" + bmw, token).json();
      assertEquals(1, onlyBmw.get("vehicles").size());
      JsonNode clamped = http.get("/v1/dashboard/extremum_vehicles" + q + "&page_size=500", token).json();
      assertEquals(10, clamped.get("pagination").get("page_size").asInt());
      for (String bad : List.of("&sorting_column=" + Http.enc("odometer; DROP TABLE vehicle"), "&sorting_order=up",
          "&extremum=Median", "&brand=nope", "&page=0")) {
        assertEquals(422, http.get("/v1/dashboard/extremum_vehicles" + q + bad, token).status(), bad);
      }
    }
  }

  static JsonNode find(JsonNode rows, String field, String value) {
    for (JsonNode r : rows) {
      if (value.equals(r.get(field).asText())) {
        return r;
      }
    }
    throw new AssertionError(value + " not in " + rows);
  }
}
