package com.evalue.api.db;

import com.evalue.api.core.PricingPlan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@code api_pricing_plan} and {@code api_user_pricing}: plan resolution (api.md §4.2). */
public class PricingDao {
  private static final String RESOLVE = """
      SELECT p.name, p.description,
             COALESCE(up.custom_requests_limit, p.requests_limit) AS requests_limit,
             COALESCE(up.custom_max_distinct_vins, p.max_distinct_vins) AS max_distinct_vins,
             COALESCE(up.custom_price_per_request, p.price_per_request) AS price_per_request,
             up.effective_date, up.expiration_date
      FROM api_user_pricing up JOIN api_pricing_plan p ON p.id = up.pricing_plan_id
      WHERE up.user_id = :user AND up.effective_date <= :day
        AND (up.expiration_date IS NULL OR up.expiration_date >= :day)
      ORDER BY up.effective_date DESC, up.created_at DESC
      LIMIT 1""";

  private final Jdbi jdbi;

  public PricingDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The user's newest pricing row valid on {@code day}, joined to its plan (steps 1–2). */
  public Optional<PricingPlan> resolve(UUID userId, LocalDate day) {
    return jdbi.withHandle(h -> resolve(h, userId, day));
  }

  private static Optional<PricingPlan> resolve(Handle h, UUID userId, LocalDate day) {
    return h.createQuery(RESOLVE).bind("user", userId).bind("day", day)
        .map((rs, ctx) -> new PricingPlan(rs.getString("name"), rs.getString("description"),
            Sql.integer(rs, "requests_limit"), Sql.integer(rs, "max_distinct_vins"),
            rs.getBigDecimal("price_per_request"), Sql.date(rs, "effective_date"), Sql.date(rs, "expiration_date")))
        .findOne();
  }

  /** The "Plan Standard" values, the plan created when missing (step 3), without assigning it. */
  public PricingPlan standard() {
    return jdbi.inTransaction(h -> standard(h, null));
  }

  /**
   * Step 3: with no valid row, assign "Plan Standard" (created if missing) effective {@code today}, no expiry. A
   * per-user advisory lock makes concurrent first requests create one assignment.
   */
  public PricingPlan resolveOrAssignStandard(UUID userId, LocalDate today) {
    return jdbi.inTransaction(h -> {
      h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('api_user_pricing:' || :user, 0))")
          .bind("user", userId.toString()).mapTo(Integer.class).one();
      Optional<PricingPlan> existing = resolve(h, userId, today);
      if (existing.isPresent()) {
        return existing.get();
      }
      UUID planId = standardPlanId(h);
      h.createUpdate("INSERT INTO api_user_pricing (user_id, pricing_plan_id, effective_date) VALUES (:u, :p, :d)")
          .bind("u", userId).bind("p", planId).bind("d", today).execute();
      return standard(h, today);
    });
  }

  private static PricingPlan standard(Handle h, LocalDate effective) {
    UUID planId = standardPlanId(h);
    return h.createQuery("SELECT name, description, requests_limit, max_distinct_vins, price_per_request"
            + " FROM api_pricing_plan WHERE id = :id")
        .bind("id", planId)
        .map((rs, ctx) -> new PricingPlan(rs.getString("name"), rs.getString("description"),
            Sql.integer(rs, "requests_limit"), Sql.integer(rs, "max_distinct_vins"),
            rs.getBigDecimal("price_per_request"), effective, null))
        .one();
  }

  private static UUID standardPlanId(Handle h) {
    h.createUpdate("""
            INSERT INTO api_pricing_plan (name, description, requests_limit, max_distinct_vins, price_per_request)
            VALUES (:name, 'Default plan: 1000 requests and 100 distinct VINs per day', 1000, 100, :price)
            ON CONFLICT (name) DO NOTHING""")
        .bind("name", PricingPlan.STANDARD).bind("price", new BigDecimal("0.0100")).execute();
    return h.createQuery("SELECT id FROM api_pricing_plan WHERE name = :name")
        .bind("name", PricingPlan.STANDARD).mapTo(UUID.class).one();
  }
}
