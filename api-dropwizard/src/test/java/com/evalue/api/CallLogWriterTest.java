package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import com.evalue.api.core.CallLogEntry;
import com.evalue.api.core.CallLogWriter;
import com.evalue.api.db.CallLogDao;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.Http;
import com.evalue.api.support.Session;
import com.evalue.api.support.TestInfra;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** api.md §4.4.3: the call log is written off the response path and never loses a row. Real PostgreSQL. */
class CallLogWriterTest {
  static Fixtures fx;
  @TempDir
  Path dir;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
  }

  static CallLogEntry entry(UUID user, int status) {
    return CallLogEntry.of(user, null, null, "in_life_data", Instant.now(), 3, status, false);
  }

  static CallLogWriter writer(DataSource ds, int capacity, Path spill, MetricRegistry metrics) {
    return new CallLogWriter(new CallLogDao(ds), capacity, 500, Duration.ofSeconds(1), 3, Duration.ofMillis(5),
        spill, Jackson.newObjectMapper(), metrics);
  }

  static long rows(UUID user) {
    return fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ?", user);
  }

  @Nested
  class Writer {
    @Test
    void failedInsertsAreSpilledAndReplayedAtTheNextStart() throws Exception {
      UUID user = fx.account().user();
      Path spill = dir.resolve("spill.ndjson");
      PGSimpleDataSource dead = new PGSimpleDataSource();
      dead.setUrl("jdbc:postgresql://127.0.0.1:" + TestInfra.freePort() + "/nothing");
      dead.setConnectTimeout(1);
      MetricRegistry metrics = new MetricRegistry();
      CallLogWriter broken = writer(dead, 100, spill, metrics);
      broken.start();
      for (int i = 0; i < 7; i++) {
        broken.record(entry(user, 200));
      }
      broken.stop();
      assertEquals(7, Files.readAllLines(spill).size());
      assertEquals(7, metrics.counter("calllog.spilled").getCount());
      assertEquals(3, metrics.counter("calllog.insert_retries").getCount());
      assertEquals(0, rows(user));

      MetricRegistry after = new MetricRegistry();
      CallLogWriter healthy = writer(TestInfra.database().dataSource(), 100, spill, after);
      healthy.start();
      healthy.stop();
      assertEquals(7, rows(user));
      assertEquals(7, after.counter("calllog.replayed").getCount());
      assertFalse(Files.exists(spill));
      assertEquals(7, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND status_code = 200"
          + " AND is_billable AND endpoint = 'in_life_data'", user));
    }

    @Test
    void aFullQueueMakesTheCallerInsertItself() throws Exception {
      UUID user = fx.account().user();
      MetricRegistry metrics = new MetricRegistry();
      CallLogWriter w = writer(TestInfra.database().dataSource(), 2, dir.resolve("s.ndjson"), metrics);
      w.start();
      for (int i = 0; i < 50; i++) {
        w.record(entry(user, 404));
      }
      w.stop();
      assertEquals(50, rows(user));
      assertTrue(metrics.counter("calllog.sync_inserts").getCount() > 0);
      assertEquals(50, metrics.counter("calllog.written").getCount());
    }
  }

  @Nested
  class Shutdown {
    @Test
    void stoppingTheApplicationDrainsTheQueue() throws Exception {
      Fixtures.Account a = fx.account();
      DropwizardTestSupport<ApiConfiguration> app = new DropwizardTestSupport<>(EValueApplication.class,
          ResourceHelpers.resourceFilePath("test-config.yml"),
          ConfigOverride.config("database.url", TestInfra.jdbcUrl()),
          ConfigOverride.config("database.user", "postgres"),
          ConfigOverride.config("redis.uri", TestInfra.redisUri()),
          // a long flush interval: nothing is written before the shutdown unless the shutdown drains
          ConfigOverride.config("metering.call_log.flush_interval", "60s"),
          ConfigOverride.config("metering.call_log.spill_file", dir.resolve("spill.ndjson").toString()));
      app.before();
      try {
        Http http = new Http(app.getLocalPort());
        String token = Session.token(http, a.apiKey());
        for (int i = 0; i < 25; i++) {
          assertEquals(404, http.get("/v1/in_life_data/" + Fixtures.vin(), token).status());
        }
      } finally {
        app.after();
      }
      assertEquals(25, rows(a.user()));
    }
  }
}
