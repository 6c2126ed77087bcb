package com.evalue.api.core;

import com.evalue.api.db.InvoiceDao;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly invoice run (api.md §4.5): for each user with billable, unbilled calls in the period, one
 * {@code api_billing} row and those calls marked billed, in one transaction. Idempotent and safe to run concurrently:
 * re-running never creates a second invoice nor marks a call twice; calls arriving after their period was invoiced are
 * reported as {@code late_unbilled} for manual handling.
 */
public class InvoiceRun {
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceRun.class);

  /** The period was already invoiced for this user; these calls stay unbilled. */
  public record LateCalls(UUID userId, int lateUnbilled) {}

  public record Report(YearMonth period, List<InvoiceDao.Outcome> invoices, List<LateCalls> late) {
    @Override
    public String toString() {
      return "period=" + period + " invoices=" + invoices.size() + " late_unbilled_users=" + late.size();
    }
  }

  private final InvoiceDao dao;
  private final PricingService pricing;

  public InvoiceRun(InvoiceDao dao, PricingService pricing) {
    this.dao = dao;
    this.pricing = pricing;
  }

  public Report run(YearMonth period) {
    Instant start = period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant end = period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    List<InvoiceDao.Outcome> invoices = new ArrayList<>();
    List<LateCalls> late = new ArrayList<>();
    for (UUID user : dao.usersWithUnbilledCalls(start, end)) {
      // the plan resolved on the period's last day (api.md §4.5 step 2.2)
      PricingPlan plan = pricing.on(user, period.atEndOfMonth());
      Optional<InvoiceDao.Outcome> outcome = dao.invoice(user, period, start, end, plan.pricePerRequest());
      outcome.ifPresent(o -> {
        if (o.inserted()) {
          invoices.add(o);
          LOG.info("event=invoice_created user={} invoice={} requests={} distinct_vins={} amount={}", user,
              o.invoiceNumber(), o.totalRequests(), o.distinctVins(), o.totalAmount());
        } else {
          late.add(new LateCalls(user, o.totalRequests()));
          LOG.warn("event=late_unbilled user={} period={} calls={}", user, period, o.totalRequests());
        }
      });
    }
    return new Report(period, invoices, late);
  }
}
