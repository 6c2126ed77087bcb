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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    return writer(ds, capacity, 500, spill, metrics);
  }

  static CallLogWriter writer(DataSource ds, int capacity, int batchSize, Path spill, MetricRegistry metrics) {
    return new CallLogWriter(new CallLogDao(ds), capacity, batchSize, Duration.ofSeconds(1), 3, Duration.ofMillis(5),
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
      // The flusher's connections wait at a gate until every row is recorded, so the queue (2 rows) surely fills:
      // at most 3 rows (one taken by the flusher, two queued) can avoid the caller's own insert.
      CountDownLatch gate = new CountDownLatch(1);
      DataSource gated = new FlusherGate(TestInfra.database().dataSource(), gate);
      CallLogWriter w = writer(gated, 2, 1, dir.resolve("s.ndjson"), metrics);
      w.start();
      for (int i = 0; i < 50; i++) {
        w.record(entry(user, 404));
      }
      gate.countDown();
      w.stop();
      assertEquals(50, rows(user));
      assertTrue(metrics.counter("calllog.sync_inserts").getCount() >= 47,
          "sync inserts: " + metrics.counter("calllog.sync_inserts").getCount());
      assertEquals(50, metrics.counter("calllog.written").getCount());
      assertEquals(0, metrics.counter("calllog.spilled").getCount());
    }
  }

  /** A real data source whose connections, on the writer's own thread only, wait for a gate to open. */
  static final class FlusherGate implements DataSource {
    private final DataSource delegate;
    private final CountDownLatch gate;

    FlusherGate(DataSource delegate, CountDownLatch gate) {
      this.delegate = delegate;
      this.gate = gate;
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (Thread.currentThread().getName().equals("call-log-writer")) {
        try {
          gate.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return delegate.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return delegate.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return delegate.isWrapperFor(iface);
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
