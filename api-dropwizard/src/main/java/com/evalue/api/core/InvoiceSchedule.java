package com.evalue.api.core;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the invoice run on the 1st of each month at 02:00 UTC for the previous month (api.md §4.5.1). Several API
 * instances may all run it: the run is idempotent.
 */
public class InvoiceSchedule implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceSchedule.class);

  private final InvoiceRun run;
  private final Clock clock;
  private ScheduledExecutorService executor;

  public InvoiceSchedule(InvoiceRun run, Clock clock) {
    this.run = run;
    this.clock = clock;
  }

  /** The next 1st of a month, 02:00 UTC, strictly after {@code now}. */
  static Instant nextRun(Instant now) {
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    ZonedDateTime candidate = t.withDayOfMonth(1).withHour(2).withMinute(0).withSecond(0).withNano(0);
    return (candidate.toInstant().isAfter(now) ? candidate : candidate.plusMonths(1)).toInstant();
  }

  @Override
  public void start() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "invoice-schedule");
      t.setDaemon(true);
      return t;
    });
    scheduleNext();
  }

  private void scheduleNext() {
    Instant next = nextRun(clock.instant());
    long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
    executor.schedule(() -> {
      YearMonth previous = YearMonth.from(next.atZone(ZoneOffset.UTC)).minusMonths(1);
      try {
        LOG.info("event=scheduled_invoice_run {}", run.run(previous));
      } catch (RuntimeException e) {
        LOG.error("event=scheduled_invoice_run_failed period={}", previous, e);
      }
      scheduleNext();
    }, delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
