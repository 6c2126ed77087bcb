package com.evalue.api.core;

import com.evalue.api.api.Billing;
import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.db.CallLogDao;
import com.evalue.api.db.UserDao;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/** GET /v1/billing/usage and /info (api.md §5.6): today's usage against the plan, and what is not yet invoiced. */
public class BillingService {
  private final UserDao users;
  private final PricingService pricing;
  private final UsageMeter meter;
  private final CallLogDao callLog;
  private final Clock clock;

  public BillingService(UserDao users, PricingService pricing, UsageMeter meter, CallLogDao callLog, Clock clock) {
    this.users = users;
    this.pricing = pricing;
    this.meter = meter;
    this.callLog = callLog;
    this.clock = clock;
  }

  public Billing.Usage usage(AuthenticatedUser user) {
    PricingPlan plan = pricing.current(user.id());
    UsageMeter.Counts today = today(user);
    return new Billing.Usage(user.id(), plan.name(), plan.requestsLimit(), plan.maxDistinctVins(),
        plan.pricePerRequest(), today.requests(), today.distinctVins(),
        remaining(plan.requestsLimit(), today.requests()), remaining(plan.maxDistinctVins(), today.distinctVins()),
        unbilled(user));
  }

  public Billing.Info info(AuthenticatedUser user) {
    PricingPlan plan = pricing.current(user.id());
    long unbilled = unbilled(user);
    BigDecimal total = plan.pricePerRequest().multiply(BigDecimal.valueOf(unbilled))
        .setScale(2, RoundingMode.HALF_UP);
    return new Billing.Info(user.id(), user.email(), plan.name(), plan.description(), plan.requestsLimit(),
        plan.maxDistinctVins(), today(user).distinctVins(), plan.pricePerRequest(), unbilled, total,
        plan.effectiveDate(), plan.expirationDate());
  }

  /** From Redis, or from today's call log when Redis is down. */
  private UsageMeter.Counts today(AuthenticatedUser user) {
    Instant now = clock.instant();
    try {
      return meter.today(user.id(), now);
    } catch (MeteringUnavailableException e) {
      UtcDay day = UtcDay.of(now);
      try {
        CallLogDao.DayCounts counts = callLog.admittedBetween(user.id(),
            day.date().atStartOfDay().toInstant(java.time.ZoneOffset.UTC), day.nextMidnight());
        return new UsageMeter.Counts(counts.requests(), counts.distinctVins());
      } catch (SQLException ex) {
        throw new IllegalStateException("Cannot count today's calls", ex);
      }
    }
  }

  private long unbilled(AuthenticatedUser user) {
    try {
      return callLog.unbilled(user.id());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count unbilled calls", e);
    }
  }

  private static Long remaining(Integer limit, long current) {
    return limit == null ? null : Math.max(0, limit - current);
  }
}
