package com.evalue.api.db;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The invoice run's database work (api.md §4.5): one transaction per user, with the user's calls locked. */
public class InvoiceDao {
  private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

  /** What invoicing one user did. {@code inserted} false: the period was already invoiced (late calls). */
  public record Outcome(UUID userId, boolean inserted, UUID billingId, String invoiceNumber, int totalRequests,
      int distinctVins, BigDecimal pricePerRequest, BigDecimal totalAmount) {}

  private record Call(long id, String vin) {}

  private final Jdbi jdbi;

  public InvoiceDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<UUID> usersWithUnbilledCalls(Instant start, Instant end) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT DISTINCT user_id FROM api_call_log
            WHERE is_billable AND NOT is_billed AND "timestamp" >= :start AND "timestamp" < :end
            ORDER BY user_id""")
        .bind("start", Timestamp.from(start)).bind("end", Timestamp.from(end))
        .mapTo(UUID.class).list());
  }

  /**
   * Steps 2.1–2.4 for one user: lock the billable unbilled calls of the period (FOR UPDATE), insert the invoice with
   * ON CONFLICT DO NOTHING, and mark exactly the locked calls billed when it was inserted. Empty when a concurrent run
   * billed them first.
   */
  public Optional<Outcome> invoice(UUID userId, YearMonth period, Instant start, Instant end, BigDecimal price) {
    return jdbi.inTransaction(h -> {
      List<Call> calls = h.createQuery("""
              SELECT id, vin FROM api_call_log
              WHERE user_id = :user AND is_billable AND NOT is_billed AND "timestamp" >= :start AND "timestamp" < :end
              ORDER BY id
              FOR UPDATE""")
          .bind("user", userId).bind("start", Timestamp.from(start)).bind("end", Timestamp.from(end))
          .map((rs, ctx) -> new Call(rs.getLong("id"), rs.getString("vin"))).list();
      if (calls.isEmpty()) {
        return Optional.<Outcome>empty();
      }
      int total = calls.size();
      int distinct = (int) calls.stream().map(Call::vin).filter(v -> v != null).distinct().count();
      BigDecimal amount = price.multiply(BigDecimal.valueOf(total)).setScale(2, RoundingMode.HALF_UP);
      long sequence = h.createQuery("SELECT nextval('invoice_number_seq')").mapTo(Long.class).one();
      String number = String.format("EV-%s-%06d", YYYYMM.format(period), sequence);
      Optional<UUID> billingId = h.createQuery("""
              INSERT INTO api_billing (user_id, period_start, period_end, total_requests, distinct_vins,
                                       price_per_request, total_amount, invoice_number)
              VALUES (:user, :start, :end, :total, :distinct, :price, :amount, :number)
              ON CONFLICT (user_id, period_start, period_end) DO NOTHING
              RETURNING id""")
          .bind("user", userId).bind("start", Timestamp.from(start)).bind("end", Timestamp.from(end))
          .bind("total", total).bind("distinct", distinct).bind("price", price).bind("amount", amount)
          .bind("number", number)
          .mapTo(UUID.class).findOne();
      if (billingId.isEmpty()) {
        return Optional.of(new Outcome(userId, false, null, null, total, distinct, price, amount));
      }
      h.createUpdate("""
              UPDATE api_call_log SET is_billed = true, billed_at = now(), billing_id = :billing
              WHERE id = ANY(:ids)""")
          .bind("billing", billingId.get())
          .bindArray("ids", Long.class, calls.stream().map(Call::id).toList())
          .execute();
      return Optional.of(new Outcome(userId, true, billingId.get(), number, total, distinct, price, amount));
    });
  }
}
