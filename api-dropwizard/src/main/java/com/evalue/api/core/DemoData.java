package com.evalue.api.core;

import com.evalue.api.auth.ApiKeys;
import com.evalue.api.auth.PasswordHasher;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo of the embedded default (never with a configured database): company "EValue Demo", fleet "Demo fleet",
 * user {@value #EMAIL} / {@value #PASSWORD} (a member of every fleet of the embedded database, so also of the fleets
 * {@code ./evalue demo} imports), one activated demo vehicle with eight weeks of data, and an API key named "demo",
 * issued anew at every start (a key is shown once; only its SHA-256 is stored). Idempotent.
 */
public class DemoData {
  public static final String EMAIL = "demo@evalue.local";
  public static final String PASSWORD = "evalue-demo";
  public static final String COMPANY = "EValue Demo";
  public static final String FLEET = "Demo fleet";
  public static final String VIN = "5YJ3EVA1UEDEM0001";
  static final String KEY_NAME = "demo";

  /** What the start-up banner prints. */
  public record Credentials(UUID userId, UUID apiUserId, String email, String password, String apiKey, String vin) {}

  private final Jdbi jdbi;
  private final PasswordHasher passwords;
  private final Clock clock;

  public DemoData(Jdbi jdbi, PasswordHasher passwords, Clock clock) {
    this.jdbi = jdbi;
    this.passwords = passwords;
    this.clock = clock;
  }

  public Credentials ensure() {
    String apiKey = ApiKeys.generate();
    return jdbi.inTransaction(h -> {
      h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('evalue-demo-data', 0))").mapTo(Integer.class).one();
      UUID role = getOrCreate(h, "INSERT INTO role (role_name) VALUES ('User') ON CONFLICT DO NOTHING",
          "SELECT id FROM role WHERE role_name = 'User'");
      UUID company = h.createQuery("SELECT id FROM company WHERE name = :n ORDER BY created_at, id LIMIT 1")
          .bind("n", COMPANY).mapTo(UUID.class).findOne()
          .orElseGet(() -> h.createQuery("INSERT INTO company (name, description) VALUES (:n, :d) RETURNING id")
              .bind("n", COMPANY).bind("d", "Demo company of the embedded default").mapTo(UUID.class).one());
      h.createUpdate("INSERT INTO fleet (fleet_name, company_id) VALUES (:f, :c) ON CONFLICT DO NOTHING")
          .bind("f", FLEET).bind("c", company).execute();
      UUID fleet = h.createQuery("SELECT id FROM fleet WHERE fleet_name = :f AND company_id = :c")
          .bind("f", FLEET).bind("c", company).mapTo(UUID.class).one();
      UUID user = user(h, company, role);
      h.createUpdate("INSERT INTO user_fleet (user_id, fleet_id) SELECT :u, id FROM fleet ON CONFLICT DO NOTHING")
          .bind("u", user).execute();
      vehicle(h, fleet);
      UUID apiUser = h.createQuery("SELECT id FROM api_user WHERE user_id = :u AND name = :n ORDER BY created_at"
              + " LIMIT 1 FOR UPDATE")
          .bind("u", user).bind("n", KEY_NAME).mapTo(UUID.class).findOne().orElse(null);
      String hash = ApiKeys.sha256Hex(apiKey);
      if (apiUser == null) {
        apiUser = h.createQuery("INSERT INTO api_user (user_id, name, api_key_sha256) VALUES (:u, :n, :h) RETURNING id")
            .bind("u", user).bind("n", KEY_NAME).bind("h", hash).mapTo(UUID.class).one();
      } else {
        h.createUpdate("UPDATE api_user SET api_key_sha256 = :h, is_active = true WHERE id = :id")
            .bind("h", hash).bind("id", apiUser).execute();
      }
      return new Credentials(user, apiUser, EMAIL, PASSWORD, apiKey, VIN);
    });
  }

  private UUID user(Handle h, UUID company, UUID role) {
    Optional<UserRow> existing = h.createQuery("SELECT id, password_hash FROM app_user WHERE email = :e")
        .bind("e", EMAIL).map((rs, ctx) -> new UserRow(rs.getObject("id", UUID.class), rs.getString("password_hash")))
        .findOne();
    if (existing.isPresent()) {
      if (!passwords.verifyOrDummy(PASSWORD, existing.get().hash())) {
        h.createUpdate("UPDATE app_user SET password_hash = :p WHERE id = :id")
            .bind("p", passwords.hash(PASSWORD)).bind("id", existing.get().id()).execute();
      }
      h.createUpdate("UPDATE app_user SET is_active = true WHERE id = :id AND NOT is_active")
          .bind("id", existing.get().id()).execute();
      return existing.get().id();
    }
    return h.createQuery("""
            INSERT INTO app_user (company_id, first_name, last_name, email, password_hash, role_id)
            VALUES (:c, 'Demo', 'User', :e, :p, :r) RETURNING id""")
        .bind("c", company).bind("e", EMAIL).bind("p", passwords.hash(PASSWORD)).bind("r", role)
        .mapTo(UUID.class).one();
  }

  private record UserRow(UUID id, String hash) {}

  /** The demo Tesla, activated, with eight weekly rows up to last Monday (new weeks are added on later starts). */
  private void vehicle(Handle h, UUID fleet) {
    h.createUpdate("""
            INSERT INTO vehicle (fleet_id, region_id, make_id, vehicle_model_id, vin, activation_status,
                                 activation_requested_status, requested_soh_estimated, activation_status_message,
                                 start_date)
            VALUES (:fleet, (SELECT id FROM region WHERE region_name = 'Unknown'),
                    (SELECT id FROM make WHERE make_name = 'tesla'),
                    (SELECT vm.id FROM vehicle_model vm JOIN oem o ON o.id = vm.oem_id
                     WHERE o.code = 'tesla' AND vm.model_name = 'model 3' AND vm.battery_id IS NOT NULL
                     ORDER BY vm.commissioning_date DESC NULLS LAST, vm.id LIMIT 1),
                    :vin, true, true, true, 'ACTIVATED', :start)
            ON CONFLICT (vin) DO NOTHING""")
        .bind("fleet", fleet).bind("vin", VIN).bind("start", LocalDate.of(2022, 3, 1)).execute();
    Optional<UUID> vehicle = h.createQuery("SELECT id FROM vehicle WHERE vin = :vin AND fleet_id = :fleet")
        .bind("vin", VIN).bind("fleet", fleet).mapTo(UUID.class).findOne();
    if (vehicle.isEmpty()) {
      return; // the VIN belongs to another fleet: leave it alone
    }
    LocalDate lastMonday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(7)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    for (int i = 7; i >= 0; i--) {
      LocalDate week = lastMonday.minusWeeks(i);
      double km = 600.0 * java.time.temporal.ChronoUnit.WEEKS.between(LocalDate.of(2022, 3, 7), week);
      double soh = 1 - 0.025 * Math.log1p(km / 15_000);
      h.createUpdate("""
              INSERT INTO vehicle_data (vehicle_id, "timestamp", odometer, soh_estimated, soh_estimated_ci_low,
                                        soh_estimated_ci_high, soh_estimated_n, soh_method, consumption, level_1,
                                        level_2, level_3, cycles, timestamp_last_data_collected)
              VALUES (:v, :week, :km, :soh, :low, :high, 12, 'charge', 16.4, 0.6, 0.3, 0.1, :cycles,
                      CAST(:week AS timestamp) + interval '6 days 18 hours')
              ON CONFLICT (vehicle_id, "timestamp") DO NOTHING""")
          .bind("v", vehicle.get()).bind("week", week)
          .bind("km", BigDecimal.valueOf(Math.round(km * 100) / 100.0))
          .bind("soh", BigDecimal.valueOf(soh).setScale(4, java.math.RoundingMode.HALF_UP))
          .bind("low", BigDecimal.valueOf(soh - 0.008).setScale(4, java.math.RoundingMode.HALF_UP))
          .bind("high", BigDecimal.valueOf(soh + 0.008).setScale(4, java.math.RoundingMode.HALF_UP))
          .bind("cycles", (int) Math.round(km / (490 * (soh + 1) / 2)))
          .execute();
    }
  }

  private static UUID getOrCreate(Handle h, String insert, String select) {
    h.createUpdate(insert).execute();
    return h.createQuery(select).mapTo(UUID.class).one();
  }
}
