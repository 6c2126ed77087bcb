package com.evalue.api.support;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.evalue.api.auth.ApiKeys;
import com.evalue.api.db.StateChanges;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/** Rows of one test class, created with SQL in the shared test database (names and VINs are unique per call). */
public final class Fixtures {
  public static final String PASSWORD = "correct-horse-battery-9";
  private static String passwordHash;
  private static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  private static final Random RANDOM = new Random();
  private static final AtomicLong SEQ = new AtomicLong();

  private final Jdbi jdbi = TestInfra.jdbi();
  private final String tag = Long.toString(System.nanoTime(), 36);

  /** A company, its fleet and a regular member: what most tests start from. */
  public record Account(UUID company, UUID fleet, UUID user, String email, String apiKey, UUID apiUser) {}

  public Jdbi jdbi() {
    return jdbi;
  }

  public static synchronized String passwordHash() {
    if (passwordHash == null) {
      passwordHash = BCrypt.withDefaults().hashToString(12, PASSWORD.toCharArray());
    }
    return passwordHash;
  }

  public String unique(String prefix) {
    return prefix + "-" + tag + "-" + SEQ.incrementAndGet();
  }

  public UUID company() {
    return jdbi.withHandle(h -> h.createQuery("INSERT INTO company (name) VALUES (:n) RETURNING id")
        .bind("n", unique("company")).mapTo(UUID.class).one());
  }

  public UUID fleet(UUID company) {
    return jdbi.withHandle(h -> h.createQuery(
            "INSERT INTO fleet (fleet_name, company_id) VALUES (:n, :c) RETURNING id")
        .bind("n", unique("fleet")).bind("c", company).mapTo(UUID.class).one());
  }

  public UUID role(String name) {
    return jdbi.withHandle(h -> {
      h.createUpdate("INSERT INTO role (role_name) VALUES (:n) ON CONFLICT DO NOTHING").bind("n", name).execute();
      return h.createQuery("SELECT id FROM role WHERE role_name = :n").bind("n", name).mapTo(UUID.class).one();
    });
  }

  public String email() {
    return unique("user").toLowerCase() + "@example.test";
  }

  public UUID user(UUID company, String email, boolean admin) {
    UUID role = role(admin ? "Admin" : "User");
    return jdbi.withHandle(h -> h.createQuery("""
            INSERT INTO app_user (company_id, first_name, last_name, email, password_hash, role_id)
            VALUES (:c, 'Test', 'User', :e, :p, :r) RETURNING id""")
        .bind("c", company).bind("e", email).bind("p", passwordHash()).bind("r", role)
        .mapTo(UUID.class).one());
  }

  public void member(UUID user, UUID fleet) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO user_fleet (user_id, fleet_id) VALUES (:u, :f)")
        .bind("u", user).bind("f", fleet).execute());
  }

  /** A new API key of the user; returns the key (only its SHA-256 is stored). */
  public String apiKey(UUID user) {
    String key = ApiKeys.generate();
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_user (user_id, name, api_key_sha256) VALUES (:u, 'test', :h)")
        .bind("u", user).bind("h", ApiKeys.sha256Hex(key)).execute());
    return key;
  }

  public UUID apiUserId(String key) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM api_user WHERE api_key_sha256 = :h")
        .bind("h", ApiKeys.sha256Hex(key)).mapTo(UUID.class).one());
  }

  public Account account() {
    UUID company = company();
    UUID fleet = fleet(company);
    String email = email();
    UUID user = user(company, email, false);
    member(user, fleet);
    String key = apiKey(user);
    return new Account(company, fleet, user, email, key, apiUserId(key));
  }

  /** A user of its own company with an API key and custom daily limits (null = the plan's). */
  public Account accountWithLimits(Integer requests, Integer vins, BigDecimal price) {
    Account a = account();
    pricing(a.user(), requests, vins, price, LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1));
    return a;
  }

  public void pricing(UUID user, Integer requests, Integer vins, BigDecimal price, LocalDate effective) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO api_user_pricing (user_id, pricing_plan_id, custom_requests_limit, custom_max_distinct_vins,
                                          custom_price_per_request, effective_date)
            VALUES (:u, (SELECT id FROM api_pricing_plan WHERE name = 'Plan Standard'), CAST(:r AS int), CAST(:v AS int),
                    CAST(:p AS numeric), :d)""")
        .bind("u", user).bindByType("r", requests, Integer.class).bindByType("v", vins, Integer.class)
        .bindByType("p", price, BigDecimal.class).bind("d", effective).execute());
  }

  /** A random VIN whose 8th character is not X (an X there makes a Stellantis VIN unsupported, spec). */
  public static String vin() {
    StringBuilder sb = new StringBuilder(17);
    for (int i = 0; i < 17; i++) {
      char c;
      do {
        c = VIN_CHARS.charAt(RANDOM.nextInt(VIN_CHARS.length()));
      } while (i == 7 && c == 'X');
      sb.append(c);
    }
    return sb.toString();
  }

  /** A Tesla VIN whose 8th character is not X. */
  public static String vin(String prefix) {
    String v = prefix + vin().substring(prefix.length());
    return v.charAt(7) == 'X' ? v.substring(0, 7) + "A" + v.substring(8) : v;
  }

  public UUID vehicle(UUID fleet, String vin, boolean activated, boolean eligible, String make) {
    return jdbi.withHandle(h -> h.createQuery("""
            INSERT INTO vehicle (fleet_id, region_id, make_id, vin, activation_status, activation_requested_status,
                                 is_eligible)
            VALUES (:f, (SELECT id FROM region WHERE region_name = 'Unknown'),
                    (SELECT id FROM make WHERE make_name = :make), :vin, :a, :a, :e)
            RETURNING id""")
        .bind("f", fleet).bind("make", make).bind("vin", vin).bind("a", activated).bind("e", eligible)
        .mapTo(UUID.class).one());
  }

  public UUID activatedVehicle(UUID fleet, String vin) {
    return vehicle(fleet, vin, true, true, "tesla");
  }

  public static LocalDate monday(int weeksAgo) {
    return LocalDate.now(java.time.ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .minusWeeks(weeksAgo);
  }

  /** One weekly row; null values stay null. */
  public void week(UUID vehicle, LocalDate monday, Double odometer, Double soh, Double sohOem) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO vehicle_data (vehicle_id, "timestamp", odometer, soh_estimated, soh_oem)
            VALUES (:v, :t, CAST(:o AS numeric), CAST(:s AS numeric), CAST(:so AS numeric))""")
        .bind("v", vehicle).bind("t", monday).bindByType("o", odometer, Double.class)
        .bindByType("s", soh, Double.class).bindByType("so", sohOem, Double.class).execute());
  }

  public long count(String sql, Object... binds) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < binds.length; i++) {
        q.bind(i, binds[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  public void execute(String sql, Object... binds) {
    jdbi.useHandle(h -> {
      var u = h.createUpdate(sql);
      for (int i = 0; i < binds.length; i++) {
        u.bind(i, binds[i]);
      }
      u.execute();
    });
  }

  /**
   * Runs a change of {@code user}'s state and announces it on the state-changes channel in the same transaction, as
   * our commands do (and as the configuration documents for changes made by hand).
   */
  public void changeAndAnnounce(UUID user, String sql, Object... binds) {
    jdbi.useTransaction(h -> {
      var u = h.createUpdate(sql);
      for (int i = 0; i < binds.length; i++) {
        u.bind(i, binds[i]);
      }
      u.execute();
      StateChanges.publish(h, user);
    });
  }

  /** A billable call-log row of the user at {@code at}. */
  public void call(UUID user, String vin, Instant at, int status) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO api_call_log (user_id, vin, endpoint, "timestamp", response_time_ms, status_code, is_billable)
            VALUES (:u, CAST(:vin AS varchar), 'in_life_data', :t, 5, :s, :b)""")
        .bind("u", user).bindByType("vin", vin, String.class).bind("t", java.sql.Timestamp.from(at))
        .bind("s", (short) status).bind("b", status >= 200 && status < 300).execute());
  }
}
