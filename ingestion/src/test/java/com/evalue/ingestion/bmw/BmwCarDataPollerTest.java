package com.evalue.ingestion.bmw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.PollingService;
import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.FakeServer;
import com.evalue.ingestion.support.MutableClock;
import com.evalue.ingestion.support.SimulatedFleet;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.PayloadFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CarData poller against a local CarData API: budget, per-VIN period, CU-429, token refresh (§4.2). */
class BmwCarDataPollerTest {
  static final Instant MIDNIGHT = Instant.parse("2025-06-03T00:00:00Z");
  static final String VIN_B = "WBYD350Y5PJ669640";
  static final String VIN_C = "WBYV1KFM5SY246831";

  @TempDir Path dir;
  Warehouse warehouse;
  final MutableClock clock = new MutableClock(MIDNIGHT);
  final FakeServer server = new FakeServer();
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  final Set<String> overQuota = ConcurrentHashMap.newKeySet();
  final AtomicInteger refreshes = new AtomicInteger();
  /** Refresh tokens the token endpoint accepts: each is spent by its use (rotation), as OAuth servers may do. */
  final Set<String> validRefreshTokens = ConcurrentHashMap.newKeySet();
  final List<String> refreshTokensUsed = new java.util.concurrent.CopyOnWriteArrayList<>();
  List<String> records;
  String vinA;
  PollingService service;

  @BeforeEach
  void start() {
    warehouse = Warehouse.at(dir.toString());
    Map<String, List<String>> sim = SimulatedFleet.carData();
    vinA = sim.keySet().iterator().next();
    records = sim.get(vinA);
    validTokens.add("initial-token");
    validRefreshTokens.add("refresh-0");
    server.handle("/token", ex -> {
      String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String used = form.replaceAll(".*refresh_token=([^&]*).*", "$1");
      refreshTokensUsed.add(used);
      if (!form.contains("grant_type=refresh_token") || !form.contains("client_id=cardata-client")
          || !validRefreshTokens.remove(used)) {
        FakeServer.json(ex, 400, "{\"error\":\"invalid_grant\"}");
        return;
      }
      validRefreshTokens.add("r" + (refreshes.get() + 1));
      String token = "refreshed-" + refreshes.incrementAndGet();
      validTokens.add(token);
      FakeServer.json(ex, 200, "{\"access_token\":\"" + token + "\",\"refresh_token\":\"r" + refreshes.get()
          + "\",\"expires_in\":3600}");
    });
    server.handle("/customers/vehicles/", ex -> {
      String path = ex.getRequestURI().getPath(); // /customers/vehicles/{vin}/telematicData
      String vin = path.split("/")[3];
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (!"v1".equals(ex.getRequestHeaders().getFirst("x-version"))
          || !"containerId=c-42".equals(ex.getRequestURI().getQuery())) {
        FakeServer.json(ex, 400, "{\"exveErrorId\":\"CU-400\",\"exveErrorMsg\":\"bad request\"}");
        return;
      }
      int n = hits.computeIfAbsent(vin, k -> new AtomicInteger()).incrementAndGet();
      if (auth == null || !validTokens.contains(auth.replace("Bearer ", ""))) {
        FakeServer.json(ex, 401, "{\"exveErrorId\":\"CU-401\",\"exveErrorMsg\":\"token expired\"}");
        return;
      }
      if (overQuota.contains(vin)) {
        FakeServer.json(ex, 403, "{\"exveErrorId\":\"CU-429\",\"exveErrorMsg\":\"API rate limit reached\"}");
        return;
      }
      JsonNode record = SimulatedFleet.tree(records.get((n - 1) % records.size()));
      FakeServer.json(ex, 200, "{\"telematicData\":" + record.get("telematicData") + "}");
    });
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    server.close();
  }

  PollingService service(int dailyBudget, CarDataConfig.Account... accounts) {
    return service(dailyBudget, null, accounts);
  }

  PollingService service(int dailyBudget, Path stateFile, CarDataConfig.Account... accounts) {
    CarDataConfig config = new CarDataConfig(server.url(), "c-42", URI.create(server.url() + "/token"),
        List.of(accounts), dailyBudget, Duration.ofMinutes(30), Duration.ofSeconds(5), stateFile);
    HttpClient http = HttpClient.newHttpClient();
    service = PollingService.create("bmw-cardata", warehouse, clock, null, Duration.ofMillis(500),
        parts -> new BmwCarDataPoller(config, http, parts.clock(), parts.records(), parts.metrics()));
    return service;
  }

  static CarDataConfig.Account account(String name, String... vins) {
    return new CarDataConfig.Account(name, List.of(vins), "initial-token", "refresh-0", "cardata-client");
  }

  int hits(String vin) {
    AtomicInteger n = hits.get(vin);
    return n == null ? 0 : n.get();
  }

  /** Ticks every 30 min from now for {@code hours}. */
  void runFor(int hours) {
    for (int i = 0; i < hours * 2; i++) {
      service.tick();
      clock.advance(Duration.ofMinutes(30));
    }
  }

  @Test
  void eachVinIsPolledEveryThirtyMinutesTimesItsAccountsVinsWithin48RequestsADay() {
    service(48, account("fleet", vinA, VIN_B));
    runFor(24);
    assertEquals(24, hits(vinA), "every 60 min");
    assertEquals(24, hits(VIN_B), "every 60 min, 30 min after the first");
    assertEquals(MIDNIGHT.plus(Duration.ofDays(1)), clock.instant());
    assertEquals(48, ((BmwCarDataPoller) service.poller()).remainingBudget("fleet"), "a new UTC day");

    service.tick(); // 00:00 the next day: a fresh budget
    assertEquals(25, hits(vinA));
    assertTrue(service.buffer().flushAll(Duration.ofSeconds(5)));
    List<Envelope> stored = Archive.envelopes(warehouse);
    assertTrue(stored.size() > 0);
    for (Envelope e : stored) {
      assertEquals(PayloadFormat.BMW_CARDATA_JSON, e.payloadFormat());
      JsonNode payload = SimulatedFleet.tree(e.payload());
      assertEquals(e.vin(), payload.path("vin").asText(), "the poller adds the VIN to the REST body");
      assertTrue(payload.path("telematicData").size() > 0);
    }
    // unchanged readings are skipped, so each VIN has at most one envelope per request
    assertTrue(stored.stream().filter(e -> e.vin().equals(vinA)).count() <= 25);
  }

  @Test
  void theDailyBudgetIsAHardLimitPerAccount() {
    service(5, account("small", vinA, VIN_B, VIN_C), account("other", "WBY8P210X07K12345"));
    runFor(24);
    assertEquals(5, hits(vinA) + hits(VIN_B) + hits(VIN_C));
    assertEquals(5, hits("WBY8P210X07K12345"), "the other account has its own budget");
    service.tick(); // 00:00 the next day: a new budget, and still one VIN per 30-min slot
    assertEquals(6, hits(vinA) + hits(VIN_B) + hits(VIN_C), "the next day has a new budget");
  }

  @Test
  void aCu429StopsTheAccountUntilMidnightUtc() {
    service(48, account("limited", vinA), account("fine", VIN_B));
    clock.set(MIDNIGHT.plus(Duration.ofHours(10)));
    service.tick();
    assertEquals(1, hits(vinA));
    overQuota.add(vinA);
    clock.advance(Duration.ofMinutes(30));
    service.tick();
    assertEquals(2, hits(vinA));
    overQuota.remove(vinA);
    clock.advance(Duration.ofMinutes(30));
    runFor(13); // until 23:30
    assertEquals(2, hits(vinA), "stopped for the rest of the UTC day");
    assertTrue(hits(VIN_B) >= 27, "the other account goes on");

    clock.set(MIDNIGHT.plus(Duration.ofDays(1)));
    service.tick();
    assertEquals(3, hits(vinA), "resumes at 00:00 UTC");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedAndTheRequestRepeated() {
    service(48, account("fleet", vinA));
    service.tick();
    assertTrue(service.buffer().flushAll(Duration.ofSeconds(5)));
    validTokens.remove("initial-token");
    clock.advance(Duration.ofMinutes(30));
    service.tick();
    assertEquals(1, refreshes.get());
    assertEquals(3, hits(vinA));
    assertEquals(45, ((BmwCarDataPoller) service.poller()).remainingBudget("fleet"), "the retry counts too");
    assertTrue(service.buffer().flushAll(Duration.ofSeconds(5)));
    List<String> sourceIds = new ArrayList<>();
    Archive.envelopes(warehouse).forEach(e -> sourceIds.add(e.sourceId()));
    assertEquals(2, sourceIds.size(), sourceIds.toString());
  }

  /** The process stops and starts again (a deployment, a crash) on the same state file. */
  PollingService restart(int dailyBudget, Path stateFile, CarDataConfig.Account... accounts) {
    service.close();
    service = null;
    return service(dailyBudget, stateFile, accounts);
  }

  @Test
  void aRestartKeepsTheRotatedRefreshTokenAndTheDaysBudget() throws Exception {
    Path state = dir.resolve("state/cardata-state.json");
    validTokens.remove("initial-token"); // the configured access token has expired: refresh at once
    service(48, state, account("fleet", vinA));
    service.tick();
    assertEquals(List.of("refresh-0"), refreshTokensUsed);
    assertEquals(46, ((BmwCarDataPoller) service.poller()).remainingBudget("fleet"), "401, then the retry");
    assertFalse(Files.readString(state).contains("refresh-0"), "only the issued token is kept");

    clock.advance(Duration.ofMinutes(30));
    validTokens.clear(); // the access token expired meanwhile as well
    restart(48, state, account("fleet", vinA)); // the configuration still holds the spent refresh-0
    service.tick();
    assertEquals(List.of("refresh-0", "r1"), refreshTokensUsed, "the rotated token, not the spent one");
    assertEquals(4, hits(vinA));
    assertEquals(44, ((BmwCarDataPoller) service.poller()).remainingBudget("fleet"), "the budget is the day's");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
    }
  }

  @Test
  void aNewConfiguredRefreshTokenWinsOverTheRememberedOne() {
    Path state = dir.resolve("cardata-state.json");
    validTokens.remove("initial-token");
    service(48, state, account("fleet", vinA));
    service.tick();
    validTokens.clear();
    validRefreshTokens.add("from-a-new-device-flow");
    clock.advance(Duration.ofMinutes(30));
    restart(48, state,
        new CarDataConfig.Account("fleet", List.of(vinA), null, "from-a-new-device-flow", "cardata-client"));
    service.tick();
    assertEquals(List.of("refresh-0", "from-a-new-device-flow"), refreshTokensUsed);
  }

  @Test
  void aCu429StopSurvivesARestart() {
    Path state = dir.resolve("cardata-state.json");
    service(48, state, account("limited", vinA));
    clock.set(MIDNIGHT.plus(Duration.ofHours(10)));
    overQuota.add(vinA);
    service.tick();
    assertEquals(1, hits(vinA));
    overQuota.remove(vinA);
    clock.advance(Duration.ofHours(1));
    restart(48, state, account("limited", vinA));
    runFor(13); // until 23:00
    assertEquals(1, hits(vinA), "still stopped for the rest of the UTC day");
    clock.set(MIDNIGHT.plus(Duration.ofDays(1)));
    service.tick();
    assertEquals(2, hits(vinA), "resumes at 00:00 UTC");
  }
}
