package com.evalue.ingestion.highmobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.PollingService;
import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.MutableClock;
import com.evalue.ingestion.support.SimulatedFleet;
import com.evalue.ingestion.support.TestRedis;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.ChangeHash;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;

/**
 * The High Mobility poller against a local HM server and a real Redis (spec: sources.md §3.1, §1.5, §1.6). Every
 * test asserts what lands in temp/ by decoding the temp objects.
 */
class HighMobilityPollerTest {
  static final Instant T0 = Instant.parse("2025-06-03T08:00:00Z");
  static final String PENDING_VIN = "VF1AG000166123456";

  @TempDir Path dir;
  Warehouse warehouse;
  final MutableClock clock = new MutableClock(T0);
  FakeHighMobility hm;
  TestRedis redis;
  PollingService service;
  /** VIN → make, and the simulator's responses per VIN. */
  final Map<String, Make> makes = new LinkedHashMap<>();
  final Map<String, List<String>> responses = new LinkedHashMap<>();
  String aliasVin;

  @BeforeEach
  void start() {
    warehouse = Warehouse.at(dir.toString());
    hm = new FakeHighMobility();
    redis = new TestRedis();
    List<String[]> clearance = new ArrayList<>();
    for (Make m : List.of(Make.RENAULT, Make.FORD, Make.MERCEDES_BENZ, Make.VOLVO_CARS, Make.KIA)) {
      SimulatedFleet.hmResponses(m).forEach((vin, list) -> {
        makes.put(vin, m);
        responses.put(vin, distinctReadings(list));
        String brand = SimulatedFleet.tree(list.get(0)).path("brand").asText();
        if (m == Make.RENAULT && aliasVin == null) {
          aliasVin = vin;
          brand = "dacia"; // spec: sources.md §3.1.5 — an alias of renault
        }
        clearance.add(new String[] {vin, brand, "approved"});
      });
    }
    clearance.add(new String[] {PENDING_VIN, "renault", "pending"});
    hm.clearance(clearance);
    hm.serve(PENDING_VIN, responses.get(aliasVin).get(0));
    service = service(HmConfig.defaults(hm.url(), "client-1", "secret-1").withRequestTimeout(Duration.ofSeconds(5)));
  }

  /** The simulator's responses with the ones that only repeat the previous readings left out (§1.5). */
  static List<String> distinctReadings(List<String> list) {
    List<String> out = new ArrayList<>();
    String last = null;
    for (String r : list) {
      String h = ChangeHash.of(PayloadFormat.HM_V13_JSON, r.getBytes(StandardCharsets.UTF_8));
      if (!h.equals(last)) {
        out.add(r);
        last = h;
      }
    }
    assertTrue(out.size() >= 2, "the simulator gives at least two distinct readings per vehicle");
    return out;
  }

  PollingService service(HmConfig config) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return PollingService.create("high-mobility", warehouse, clock, redis.uri(), Duration.ofMillis(500),
        parts -> new HighMobilityPoller(config, http, parts.clock(), parts.records(), parts.metrics()));
  }

  @AfterEach
  void stop() {
    service.close();
    hm.close();
    redis.close();
  }

  void serveAll(int responseIndex) {
    responses.forEach((vin, list) -> hm.serve(vin, list.get(responseIndex % list.size())));
  }

  List<String> vinsOf(Make... ms) {
    List<Make> wanted = List.of(ms);
    return makes.entrySet().stream().filter(e -> wanted.contains(e.getValue())).map(Map.Entry::getKey).toList();
  }

  void flush() {
    assertTrue(service.buffer().flushAll(Duration.ofSeconds(5)));
  }

  /** The archived payloads of a VIN, as JSON trees, in the order received. */
  List<JsonNode> archived(String vin) {
    return Archive.envelopes(warehouse).stream().filter(e -> e.vin().equals(vin))
        .sorted(java.util.Comparator.comparing(Envelope::receivedAt).thenComparing(Envelope::sourceId))
        .map(e -> SimulatedFleet.tree(e.payload())).toList();
  }

  JsonNode served(String vin, int index) {
    List<String> list = responses.get(vin);
    return SimulatedFleet.tree(list.get(index % list.size()));
  }

  @Test
  void pollsEachApprovedVehicleOncePerBrandPeriodAndArchivesWhatChanged() {
    serveAll(0);
    service.tick();
    makes.keySet().forEach(vin -> assertEquals(1, hm.hits(vin), vin));
    assertEquals(0, hm.hits(PENDING_VIN), "only approved vehicles are polled");

    clock.advance(Duration.ofSeconds(35));
    serveAll(1);
    service.tick();
    for (String vin : makes.keySet()) {
      int expected = makes.get(vin) == Make.RENAULT || makes.get(vin) == Make.FORD ? 2 : 1;
      assertEquals(expected, hm.hits(vin), vin + " after 35 s");
    }

    clock.set(T0.plusSeconds(125)); // renault/ford are due again (70 s), the 125 s brands for the first time
    service.tick();
    for (String vin : makes.keySet()) {
      int expected = makes.get(vin) == Make.RENAULT || makes.get(vin) == Make.FORD ? 3 : 2;
      assertEquals(expected, hm.hits(vin), vin + " after 125 s");
    }
    flush();

    for (String vin : makes.keySet()) {
      // the third poll of renault/ford re-read response 1: unchanged, not stored again
      assertEquals(List.of(served(vin, 0), served(vin, 1)), archived(vin), vin);
    }
    assertEquals(vinsOf(Make.RENAULT, Make.FORD).size(), service.metrics().unchanged.getCount());
    List<Envelope> all = Archive.envelopes(warehouse);
    assertEquals(2 * makes.size(), all.size());
    all.forEach(e -> {
      assertEquals(PayloadFormat.HM_V13_JSON, e.payloadFormat());
      assertEquals(makes.get(e.vin()), e.make());
    });
    assertEquals(1, hm.clearanceReads.get());
  }

  @Test
  void clearanceListIsReadAgainEvery120Minutes() {
    serveAll(0);
    service.tick();
    String revoked = vinsOf(Make.KIA).get(0);
    List<String[]> next = new ArrayList<>();
    makes.forEach((vin, m) -> next.add(new String[] {vin, vin.equals(revoked) ? "kia" : m.code(),
        vin.equals(revoked) ? "revoked" : "approved"}));
    next.add(new String[] {PENDING_VIN, "renault", "approved"});
    hm.clearance(next);

    clock.set(T0.plus(Duration.ofMinutes(119)));
    service.tick();
    assertEquals(1, hm.clearanceReads.get());
    assertEquals(2, hm.hits(revoked));
    assertEquals(0, hm.hits(PENDING_VIN));

    clock.set(T0.plus(Duration.ofMinutes(120)));
    service.tick();
    assertEquals(2, hm.clearanceReads.get());
    assertEquals(2, hm.hits(revoked), "a revoked vehicle is no longer polled");
    assertEquals(1, hm.hits(PENDING_VIN), "a newly approved vehicle is polled");
  }

  @Test
  void tokenIsReusedUntilSixtySecondsBeforeExpiryAndRenewedOnceAfterA401() {
    hm.expiresIn = 120;
    serveAll(0);
    service.tick();
    assertEquals(1, hm.tokensIssued.get());
    clock.advance(Duration.ofSeconds(35));
    service.tick();
    assertEquals(1, hm.tokensIssued.get(), "reused: 85 s of validity left");
    clock.advance(Duration.ofSeconds(35));
    service.tick();
    assertEquals(2, hm.tokensIssued.get(), "renewed: within 60 s of expiry");

    hm.expireTokens(); // the server drops the token early: 401, renew once, repeat
    serveAll(1);
    clock.advance(Duration.ofSeconds(35));
    service.tick();
    assertEquals(3, hm.tokensIssued.get(), "one renewal for all concurrent 401s");
    flush();
    for (String vin : vinsOf(Make.RENAULT, Make.FORD)) {
      assertEquals(4, hm.hits(vin));
      assertEquals(List.of(served(vin, 0), served(vin, 1)), archived(vin), vin);
    }
  }

  @Test
  void a429Or5xxDelaysTheVehiclesNextPollByOneExtraPeriod() {
    List<String> renault = vinsOf(Make.RENAULT);
    String tooMany = renault.get(0);
    String broken = renault.get(1);
    String longWait = renault.get(2);
    serveAll(0);
    hm.script(tooMany, new FakeHighMobility.Reply(429,
        "{\"errors\":[{\"title\":\"Too Many Requests\",\"detail\":\"rate limited\"}]}",
        Map.of("Retry-After", "10"), 0));
    hm.script(broken, new FakeHighMobility.Reply(500,
        "{\"errors\":[{\"title\":\"Internal Server Error\",\"detail\":\"upstream\"}]}", Map.of(), 0));
    hm.script(longWait, new FakeHighMobility.Reply(429,
        "{\"errors\":[{\"title\":\"Too Many Requests\",\"detail\":\"later\"}]}", Map.of("Retry-After", "300"), 0));
    service.tick();
    clock.advance(Duration.ofSeconds(35));
    service.tick();
    assertEquals(1, hm.hits(tooMany));
    assertEquals(1, hm.hits(broken));
    String healthy = vinsOf(Make.FORD).get(0);
    assertEquals(2, hm.hits(healthy));

    clock.advance(Duration.ofSeconds(35)); // 70 s: one extra period later
    service.tick();
    assertEquals(2, hm.hits(tooMany));
    assertEquals(2, hm.hits(broken));
    assertEquals(1, hm.hits(longWait), "a longer Retry-After is honoured");
    clock.set(T0.plusSeconds(300));
    service.tick();
    assertEquals(2, hm.hits(longWait));
    flush();
    for (String vin : List.of(tooMany, broken, longWait)) {
      assertEquals(List.of(served(vin, 0)), archived(vin), "failures store nothing, the later poll does");
    }
  }

  @Test
  void aResponseSlowerThanTheTimeoutIsAbandonedAndTheVehiclePolledNextPeriod() {
    service.close();
    service = service(HmConfig.defaults(hm.url(), "client-1", "secret-1").withRequestTimeout(Duration.ofMillis(300)));
    String slow = vinsOf(Make.FORD).get(0);
    serveAll(0);
    hm.script(slow, new FakeHighMobility.Reply(200, responses.get(slow).get(1), Map.of(), 1500));
    service.tick();
    assertEquals(1, hm.hits(slow));
    clock.advance(Duration.ofSeconds(35));
    service.tick();
    flush();
    assertEquals(List.of(served(slow, 0)), archived(slow), "the slow answer was never received");
    assertTrue(service.metrics().oemFailures.getCount() >= 1);
  }

  @Test
  void atMostEightRequestsAreInFlight() {
    assertTrue(makes.size() > 8, "the simulated fleet has more HM vehicles than the limit");
    hm.dataDelayMs = 100;
    serveAll(0);
    service.tick();
    assertTrue(hm.maxInFlight.get() <= 8, "max in flight " + hm.maxInFlight.get());
    assertTrue(hm.maxInFlight.get() > 1, "requests run concurrently");
    makes.keySet().forEach(vin -> assertEquals(1, hm.hits(vin)));
  }

  @Test
  void changeDetectionSkipsUnchangedResultsAndStoresEverythingWhileRedisIsDown() {
    List<String> fast = vinsOf(Make.RENAULT, Make.FORD);
    serveAll(0);
    service.tick();
    flush();
    try (RedisClient r = RedisClient.create(redis.uri())) {
      for (String vin : fast) {
        assertEquals(ChangeHash.of(PayloadFormat.HM_V13_JSON, responses.get(vin).get(0).getBytes(
            StandardCharsets.UTF_8)), r.get("ingest:" + makes.get(vin).code() + ":" + vin),
            "the key holds the change-hash once the envelope is written");
      }
    }

    // same readings, new request id: unchanged, not stored
    fast.forEach(vin -> hm.serve(vin, responses.get(vin).get(0).replaceFirst(
        "\"request_id\":\"[^\"]+\"", "\"request_id\":\"00000000-0000-0000-0000-000000000001\"")));
    clock.advance(Duration.ofSeconds(35));
    service.tick();
    flush();
    assertEquals(fast.size(), service.metrics().unchanged.getCount());
    fast.forEach(vin -> assertEquals(1, archived(vin).size(), vin));

    redis.stop();
    String changed = fast.get(0);
    hm.serve(changed, responses.get(changed).get(1));
    clock.advance(Duration.ofSeconds(35));
    service.tick();
    flush();
    assertTrue(service.metrics().redisErrors.getCount() >= fast.size());
    assertEquals(fast.size(), service.metrics().unchanged.getCount(), "nothing skipped while Redis is down");
    assertEquals(List.of(served(changed, 0), served(changed, 1)), archived(changed));
    for (String vin : fast.subList(1, fast.size())) {
      assertEquals(2, archived(vin).size(), vin + ": stored again (a duplicate compaction removes)");
      List<Envelope> copies = Archive.envelopes(warehouse).stream().filter(e -> e.vin().equals(vin)).toList();
      assertEquals(copies.get(0).contentHash(), copies.get(1).contentHash(), "same content hash: deduplicated");
    }
  }

  @Test
  void anErrorBodyStoresNothingAndAResponseAboutAnotherVehicleIsADeadLetter() {
    List<String> ford = vinsOf(Make.FORD);
    String notFound = ford.get(0);
    String confused = ford.get(1);
    serveAll(0);
    hm.script(notFound, new FakeHighMobility.Reply(404,
        "{\"errors\":[{\"title\":\"Not found\",\"detail\":\"vehicle not linked\"}]}", Map.of(), 0));
    hm.serve(confused, responses.get(ford.get(2)).get(0)); // the OEM answers with another vehicle's data
    service.tick();
    clock.advance(Duration.ofSeconds(35));
    service.tick();
    flush();
    assertEquals(List.of(served(notFound, 0)), archived(notFound), "the 404 stored nothing, the next poll did");
    assertEquals(List.of(), archived(confused));
    List<com.evalue.io.deadletter.DeadLetter> letters = Archive.deadLetters(warehouse, "ford");
    assertEquals(2, letters.size(), "one per poll of the confused vehicle");
    letters.forEach(l -> assertTrue(l.reason().contains("disagrees with the transport key"), l.reason()));
    assertEquals(2, service.metrics().deadLetters.getCount());
  }
}
