package com.evalue.ingestion.bmw;

import com.evalue.ingestion.PolledRecords;
import com.evalue.ingestion.Poller;
import com.evalue.ingestion.http.Bodies;
import com.evalue.ingestion.http.JsonHttp;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.Transport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BMW CarData REST poller (spec: sources.md §4.2). Each account may send at most 48 requests per UTC day, so each
 * of its VINs is polled every 30 min × (VINs on the account), staggered by 30 min; the budget is also enforced
 * as a hard counter (token refreshes excluded, retries included). A 403 whose body code is {@code CU-429} stops
 * the account until 00:00 UTC. The REST body gets the VIN added and is stored as {@code bmw_cardata_json}. With
 * {@code cardata.state_file}, rotated refresh tokens, the day's request count and a CU-429 stop survive a restart
 * ({@link CarDataState}).
 */
public final class BmwCarDataPoller implements Poller {
  private static final Logger LOG = LoggerFactory.getLogger(BmwCarDataPoller.class);

  private final CarDataConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final PolledRecords records;
  private final IngestionMetrics metrics;
  private final List<AccountState> accounts = new ArrayList<>();
  private final ExecutorService workers;
  private final CarDataState state;

  /** An account's tokens, budget and schedule. */
  private static final class AccountState {
    final CarDataConfig.Account account;
    final Map<String, Instant> next = new LinkedHashMap<>();
    String accessToken;
    String refreshToken;
    Instant tokenExpires = Instant.MAX;
    LocalDate budgetDay;
    int usedToday;
    Instant stoppedUntil = Instant.MIN;

    AccountState(CarDataConfig.Account account) {
      this.account = account;
      this.accessToken = account.accessToken();
      this.refreshToken = account.refreshToken();
    }
  }

  public BmwCarDataPoller(CarDataConfig config, HttpClient http, Clock clock, PolledRecords records,
      IngestionMetrics metrics) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.records = records;
    this.metrics = metrics;
    Instant now = clock.instant();
    state = CarDataState.open(config.stateFile());
    for (CarDataConfig.Account a : config.accounts()) {
      AccountState s = new AccountState(a);
      CarDataState.Account remembered = state.get(a.name());
      if (CarDataState.descendsFrom(remembered, a.refreshToken())) {
        s.refreshToken = remembered.refreshToken; // the configured one may have been rotated away already
      }
      if (remembered != null) {
        s.budgetDay = remembered.budgetDay();
        s.usedToday = remembered.usedToday;
        s.stoppedUntil = remembered.stoppedUntil();
      }
      for (int i = 0; i < a.vins().size(); i++) {
        s.next.put(a.vins().get(i), now.plus(config.slot().multipliedBy(i)));
      }
      accounts.add(s);
    }
    workers = Executors.newFixedThreadPool(Math.max(1, Math.min(8, accounts.size())), r -> {
      Thread t = new Thread(r, "bmw-cardata");
      t.setDaemon(true);
      return t;
    });
  }

  /** The per-VIN period of an account: 30 min × its VINs (sources.md §4.2.3). */
  public Duration period(CarDataConfig.Account account) {
    return config.slot().multipliedBy(Math.max(1, account.vins().size()));
  }

  @Override
  public synchronized int pollOnce() {
    List<Future<Integer>> inFlight = new ArrayList<>();
    for (AccountState s : accounts) {
      inFlight.add(workers.submit(() -> pollAccount(s)));
    }
    int sent = 0;
    for (Future<Integer> f : inFlight) {
      try {
        sent += f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        LOG.error("event=cardata_poll_failed error=\"{}\"", String.valueOf(e.getCause()));
      }
    }
    return sent;
  }

  /** Requests the account may still send today (tests and health). */
  public synchronized int remainingBudget(String accountName) {
    for (AccountState s : accounts) {
      if (s.account.name().equals(accountName)) {
        resetDay(s, clock.instant());
        return config.dailyBudget() - s.usedToday;
      }
    }
    throw new IllegalArgumentException("no account " + accountName);
  }

  private int pollAccount(AccountState s) {
    Instant now = clock.instant();
    resetDay(s, now);
    boolean stopped = now.isBefore(s.stoppedUntil);
    int sent = 0;
    for (Map.Entry<String, Instant> e : s.next.entrySet()) {
      if (now.isBefore(e.getValue())) {
        continue;
      }
      // a slot that cannot be used is skipped, not saved up: the VINs stay spread over the period
      e.setValue(now.plus(period(s.account)));
      if (stopped) {
        continue;
      }
      if (s.usedToday >= config.dailyBudget()) {
        LOG.warn("event=cardata_budget_exhausted account={} vin={} used={}", s.account.name(), e.getKey(),
            s.usedToday);
        continue;
      }
      sent += poll(s, e.getKey(), now);
      stopped = now.isBefore(s.stoppedUntil);
    }
    return sent;
  }

  private static Instant nextMidnight(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private void resetDay(AccountState s, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!today.equals(s.budgetDay)) {
      s.budgetDay = today;
      s.usedToday = 0;
    }
  }

  /** One VIN; returns the requests sent (a 401 renews the token and repeats once, budget permitting). */
  private int poll(AccountState s, String vin, Instant now) {
    int sent = 0;
    try {
      HttpResponse<byte[]> r = get(s, vin);
      sent++;
      if (r.statusCode() == 401 && s.refreshToken != null && s.usedToday < config.dailyBudget()) {
        s.accessToken = null;
        r = get(s, vin);
        sent++;
      }
      Instant receivedAt = clock.instant();
      if (r.statusCode() == 200) {
        JsonNode body = JsonHttp.parse(r.body());
        ObjectNode message = JsonHttp.MAPPER.createObjectNode();
        message.put("vin", vin);
        message.set("telematicData", body.path("telematicData"));
        records.store(Make.BMW, PayloadFormat.BMW_CARDATA_JSON, JsonHttp.json(message),
            Transport.of(receivedAt, "poll:bmw-cardata:" + vin + ":" + receivedAt.toEpochMilli()));
        return sent;
      }
      metrics.oemFailures.inc();
      if (r.statusCode() == 403 && isQuotaExceeded(r.body())) {
        // spec: sources.md §4.2.3 — the account rests until 00:00 UTC
        s.stoppedUntil = nextMidnight(now);
        remember(s);
        LOG.warn("event=cardata_quota_exceeded account={} stopped_until={}", s.account.name(), s.stoppedUntil);
        return sent;
      }
      LOG.warn("event=cardata_poll_error account={} vin={} status={} body=\"{}\"", s.account.name(), vin,
          r.statusCode(), JsonHttp.excerpt(r.body()));
    } catch (IOException e) {
      metrics.oemFailures.inc();
      LOG.warn("event=cardata_io_error account={} vin={} error=\"{}\"", s.account.name(), vin, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return sent;
  }

  private static boolean isQuotaExceeded(byte[] body) {
    try {
      JsonNode n = JsonHttp.parse(body);
      return "CU-429".equalsIgnoreCase(n.path("exveErrorId").asText(n.path("code").asText("")))
          || "CU-429".equalsIgnoreCase(n.path("code").asText(""));
    } catch (IOException e) {
      return new String(body, StandardCharsets.UTF_8).contains("CU-429");
    }
  }

  private HttpResponse<byte[]> get(AccountState s, String vin) throws IOException, InterruptedException {
    String bearer = token(s);
    s.usedToday++;
    remember(s);
    metrics.oemRequests.inc();
    String uri = config.baseUrl().toString().replaceAll("/+$", "") + "/customers/vehicles/" + vin
        + "/telematicData?containerId=" + URLEncoder.encode(config.containerId(), StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(uri)).timeout(config.requestTimeout())
        .header("x-version", "v1").header("Authorization", "Bearer " + bearer)
        .header("Accept", "application/json").GET().build();
    return Bodies.send(http, request, config.requestTimeout());
  }

  /** The account's access token, renewed with its refresh token when missing or expired (1 h lifetime). */
  private String token(AccountState s) throws IOException, InterruptedException {
    Instant now = clock.instant();
    if (s.accessToken != null && now.isBefore(s.tokenExpires.minusSeconds(60))) {
      return s.accessToken;
    }
    if (s.refreshToken == null || s.account.clientId() == null) {
      if (s.accessToken != null) {
        return s.accessToken;
      }
      throw new IOException("account " + s.account.name() + " has neither a valid access token nor a refresh token");
    }
    String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(s.refreshToken, StandardCharsets.UTF_8)
        + "&client_id=" + URLEncoder.encode(s.account.clientId(), StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(config.tokenUrl()).timeout(config.requestTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("token refresh of account " + s.account.name() + " answered " + r.statusCode());
    }
    JsonNode n = JsonHttp.parse(r.body());
    s.accessToken = n.path("access_token").asText(null);
    if (n.hasNonNull("refresh_token")) {
      s.refreshToken = n.get("refresh_token").asText();
      remember(s);
    }
    s.tokenExpires = now.plus(Duration.ofSeconds(n.path("expires_in").asLong(3600)));
    if (s.accessToken == null) {
      throw new IOException("token refresh of account " + s.account.name() + " gave no access_token");
    }
    return s.accessToken;
  }

  /** Writes the account's tokens and budget to the state file; a failed write is logged, polling goes on. */
  private void remember(AccountState s) {
    try {
      state.put(s.account.name(), s.refreshToken, s.account.refreshToken(), s.budgetDay, s.usedToday,
          s.stoppedUntil);
    } catch (UncheckedIOException e) {
      LOG.error("event=cardata_state_write_failed account={} error=\"{}\"", s.account.name(), e.getMessage());
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      // results of requests still in flight must reach the buffer before its final flush
      workers.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
