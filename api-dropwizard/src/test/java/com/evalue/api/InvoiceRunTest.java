package com.evalue.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.api.core.InvoiceRun;
import com.evalue.api.core.PricingService;
import com.evalue.api.db.InvoiceDao;
import com.evalue.api.db.PricingDao;
import com.evalue.api.support.Fixtures;
import com.evalue.api.support.TestInfra;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** api.md §4.5: the invoice run is exact, idempotent and safe to run concurrently. Real PostgreSQL. */
class InvoiceRunTest {
  static Fixtures fx;
  static InvoiceRun run;

  @BeforeAll
  static void setUp() {
    fx = new Fixtures();
    var jdbi = TestInfra.jdbi();
    run = new InvoiceRun(new InvoiceDao(jdbi), new PricingService(new PricingDao(jdbi), Clock.systemUTC(),
        Duration.ZERO));
  }

  static Instant at(YearMonth period, int day, int hour) {
    return period.atDay(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  /** A user with calls in {@code period}: 3 billable (2 distinct VINs), 1 failed, and 1 in the next month. */
  static UUID userWithCalls(YearMonth period) {
    UUID user = fx.account().user();
    fx.call(user, "VIN00000000000001", at(period, 1, 0), 200); // first instant of the period
    fx.call(user, "VIN00000000000001", at(period, 15, 12), 200);
    fx.call(user, "VIN00000000000002", period.atEndOfMonth().atTime(23, 59, 59).toInstant(ZoneOffset.UTC), 200);
    fx.call(user, "VIN00000000000003", at(period, 10, 9), 404); // not billable
    fx.call(user, "VIN00000000000004", at(period.plusMonths(1), 1, 0), 200); // next period
    return user;
  }

  static long invoices(UUID user) {
    return fx.count("SELECT count(*) FROM api_billing WHERE user_id = ?", user);
  }

  @Nested
  class Run {
    @Test
    void oneInvoicePerUserWithTheBillableCallsOfThePeriod() {
      YearMonth period = YearMonth.of(2021, 3);
      UUID user = userWithCalls(period);
      // priced on the period's last day: the row effective then wins over an older and a later one
      fx.pricing(user, null, null, new BigDecimal("0.0300"), LocalDate.of(2021, 1, 1));
      fx.pricing(user, null, null, new BigDecimal("0.0125"), LocalDate.of(2021, 3, 20));
      fx.pricing(user, null, null, new BigDecimal("0.9000"), LocalDate.of(2021, 4, 1));
      InvoiceRun.Report report = run.run(period);
      var invoice = report.invoices().stream().filter(o -> o.userId().equals(user)).findFirst().orElseThrow();
      assertEquals(3, invoice.totalRequests());
      assertEquals(2, invoice.distinctVins());
      assertEquals(new BigDecimal("0.0125"), invoice.pricePerRequest());
      assertEquals(new BigDecimal("0.04"), invoice.totalAmount()); // 0.0375 rounded half-up
      assertTrue(invoice.invoiceNumber().matches("EV-202103-\\d{6}"), invoice.invoiceNumber());
      assertEquals(1, fx.count("""
          SELECT count(*) FROM api_billing WHERE user_id = ? AND period_start = '2021-03-01T00:00:00Z'
            AND period_end = '2021-04-01T00:00:00Z' AND total_requests = 3 AND distinct_vins = 2
            AND total_amount = 0.04 AND NOT paid""", user));
      assertEquals(3, fx.count("SELECT count(*) FROM api_call_log l JOIN api_billing b ON b.id = l.billing_id"
          + " WHERE l.user_id = ? AND l.is_billed AND l.billed_at IS NOT NULL", user));
      assertEquals(2, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND NOT is_billed", user));
    }

    @Test
    void withoutAPlanTheStandardPriceApplies() {
      YearMonth period = YearMonth.of(2021, 5);
      UUID user = userWithCalls(period);
      var invoice = run.run(period).invoices().stream().filter(o -> o.userId().equals(user)).findFirst()
          .orElseThrow();
      assertEquals(0, new BigDecimal("0.01").compareTo(invoice.pricePerRequest()));
      assertEquals(new BigDecimal("0.03"), invoice.totalAmount());
    }

    @Test
    void runningTwiceChangesNothingAndReportsLateCalls() {
      YearMonth period = YearMonth.of(2021, 6);
      UUID user = userWithCalls(period);
      run.run(period);
      String billedAt = fx.jdbi().withHandle(h -> h.createQuery(
          "SELECT string_agg(billed_at::text, ',' ORDER BY id) FROM api_call_log WHERE user_id = :u")
          .bind("u", user).mapTo(String.class).one());
      InvoiceRun.Report again = run.run(period);
      assertTrue(again.invoices().stream().noneMatch(o -> o.userId().equals(user)));
      assertEquals(1, invoices(user));
      assertEquals(billedAt, fx.jdbi().withHandle(h -> h.createQuery(
          "SELECT string_agg(billed_at::text, ',' ORDER BY id) FROM api_call_log WHERE user_id = :u")
          .bind("u", user).mapTo(String.class).one()));
      // a call of the period logged after its invoice: reported, left unbilled, no second invoice
      fx.call(user, "VIN00000000000009", at(period, 20, 8), 200);
      InvoiceRun.Report late = run.run(period);
      assertEquals(List.of(new InvoiceRun.LateCalls(user, 1)),
          late.late().stream().filter(l -> l.userId().equals(user)).toList());
      assertEquals(1, invoices(user));
      assertEquals(1, fx.count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND vin = 'VIN00000000000009'"
          + " AND NOT is_billed AND billing_id IS NULL", user));
    }

    @Test
    void concurrentRunsInvoiceEachUserExactlyOnce() throws Exception {
      YearMonth period = YearMonth.of(2021, 8);
      List<UUID> users = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        users.add(userWithCalls(period));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<InvoiceRun.Report>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          runs.add(pool.submit(() -> {
            start.await();
            return run.run(period);
          }));
        }
        start.countDown();
        int created = 0;
        for (Future<InvoiceRun.Report> f : runs) {
          created += f.get(60, TimeUnit.SECONDS).invoices().size();
        }
        assertEquals(users.size(), created);
      } finally {
        pool.shutdownNow();
      }
      for (UUID user : users) {
        assertEquals(1, invoices(user));
        assertEquals(3, fx.count("SELECT count(*) FROM api_call_log l JOIN api_billing b ON b.id = l.billing_id"
            + " WHERE l.user_id = ? AND b.user_id = l.user_id AND b.total_requests = 3", user));
      }
    }
  }

  @Nested
  class Command {
    @Test
    void billingInvoiceFromTheCommandLine() throws Exception {
      YearMonth period = YearMonth.of(2021, 10);
      UUID user = userWithCalls(period);
      String out = cli("billing", "invoice", "--period", "2021-10");
      assertTrue(out.contains("invoice run 2021-10:"), out);
      assertTrue(out.contains("user=" + user + " requests=3 distinct_vins=2"), out);
      assertTrue(cli("billing", "invoice-run", "--period", "2021-10").contains("0 invoice(s)"));
      assertEquals(1, invoices(user));
    }

    @Test
    void assignPlanAndCreateApiKey() throws Exception {
      Fixtures.Account a = fx.account();
      String out = cli("billing", "assign-plan", "--email", a.email(), "--requests-limit", "42");
      assertTrue(out.contains("assigned plan 'Plan Standard'"), out);
      assertEquals(1, fx.count("SELECT count(*) FROM api_user_pricing WHERE user_id = ? AND custom_requests_limit = 42"
          + " AND custom_max_distinct_vins IS NULL", a.user()));
      String key = cli("api-key", "create", "--email", a.email(), "--name", "cli").trim();
      assertTrue(key.startsWith("evk_"), key);
      assertEquals(1, fx.count("SELECT count(*) FROM api_user WHERE user_id = ? AND name = 'cli' AND api_key_sha256 = ?",
          a.user(), com.evalue.api.auth.ApiKeys.sha256Hex(key)));
    }
  }

  /** Runs a command of the application's command line; returns what it printed. */
  static String cli(String... args) throws Exception {
    Path config = Files.createTempFile("evalue-cli", ".yml");
    Files.writeString(config, "database:\n  url: " + TestInfra.jdbcUrl() + "\n  user: postgres\n"
        + "logging:\n  level: WARN\n");
    EValueApplication app = new EValueApplication();
    Bootstrap<ApiConfiguration> bootstrap = new Bootstrap<>(app);
    app.initialize(bootstrap);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    Optional<Throwable> failure;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      String[] argv = new String[args.length + 1];
      System.arraycopy(args, 0, argv, 0, args.length);
      argv[args.length] = config.toString();
      failure = new Cli(new JarLocation(EValueApplication.class), bootstrap, capture, capture).run(argv);
    } finally {
      System.setOut(previous);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(failure.isEmpty(), () -> out + failure.get());
    return out;
  }
}
