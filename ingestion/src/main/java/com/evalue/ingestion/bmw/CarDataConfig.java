package com.evalue.ingestion.bmw;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The BMW CarData poller's settings (spec: sources.md §4.2).
 *
 * @param baseUrl {@code https://api-cardata.bmwgroup.com}
 * @param containerId the telematic data container to read
 * @param tokenUrl the OAuth2 token endpoint used with an account's refresh token
 * @param dailyBudget requests per account per UTC day at most (48 of BMW's 50)
 * @param slot the per-VIN period is this × VINs on the account (30 min)
 * @param requestTimeout a slower answer is abandoned; the request still counts against the budget
 * @param stateFile where rotated refresh tokens and the day's budget are kept across restarts (null: in memory
 *     only, so a restart starts again from the configured tokens and a full budget)
 */
public record CarDataConfig(URI baseUrl, String containerId, URI tokenUrl, List<Account> accounts, int dailyBudget,
    Duration slot, Duration requestTimeout, Path stateFile) {

  /**
   * One customer account: its VINs and its tokens (from the device-code flow, done once outside this process).
   * Either an access token, a refresh token with the client id, or both.
   */
  public record Account(String name, List<String> vins, String accessToken, String refreshToken, String clientId) {
    public Account {
      Objects.requireNonNull(name, "name");
      vins = List.copyOf(vins);
    }
  }

  public CarDataConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(containerId, "containerId");
    accounts = List.copyOf(accounts);
  }

  public static CarDataConfig of(URI baseUrl, String containerId, URI tokenUrl, List<Account> accounts) {
    return new CarDataConfig(baseUrl, containerId, tokenUrl, accounts, 48, Duration.ofMinutes(30),
        Duration.ofSeconds(30), null);
  }

  /**
   * Reads a properties file:
   * <pre>
   * cardata.base_url=https://api-cardata.bmwgroup.com
   * cardata.container_id=…
   * cardata.token_url=https://customer.bmwgroup.com/gcdm/oauth/token
   * account.fleet1.vins=WBY…,WBY…
   * account.fleet1.client_id=…
   * account.fleet1.refresh_token=…
   * account.fleet1.access_token=…        (optional)
   * cardata.state_file=/var/lib/evalue/cardata-state.json   (optional: tokens and budget survive restarts)
   * </pre>
   */
  public static CarDataConfig load(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    TreeSet<String> names = new TreeSet<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("account.") && k.indexOf('.', 8) > 0) {
        names.add(k.substring(8, k.indexOf('.', 8)));
      }
    }
    List<Account> accounts = new ArrayList<>();
    for (String n : names) {
      String prefix = "account." + n + ".";
      List<String> vins = Arrays.stream(p.getProperty(prefix + "vins", "").split(","))
          .map(String::trim).filter(s -> !s.isEmpty()).toList();
      accounts.add(new Account(n, vins, p.getProperty(prefix + "access_token"),
          p.getProperty(prefix + "refresh_token"), p.getProperty(prefix + "client_id")));
    }
    String container = p.getProperty("cardata.container_id");
    if (container == null || container.isBlank()) {
      throw new IllegalArgumentException(file + ": cardata.container_id is missing");
    }
    return new CarDataConfig(URI.create(p.getProperty("cardata.base_url", "https://api-cardata.bmwgroup.com")),
        container, URI.create(p.getProperty("cardata.token_url", "https://customer.bmwgroup.com/gcdm/oauth/token")),
        accounts, Integer.parseInt(p.getProperty("cardata.daily_budget", "48")),
        Duration.ofMinutes(Long.parseLong(p.getProperty("cardata.slot_minutes", "30"))),
        Duration.ofSeconds(Long.parseLong(p.getProperty("cardata.request_timeout_seconds", "30"))),
        p.getProperty("cardata.state_file") == null ? null : Path.of(p.getProperty("cardata.state_file")));
  }
}
