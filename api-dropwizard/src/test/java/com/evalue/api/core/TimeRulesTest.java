package com.evalue.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The UTC day of the counters (api.md §4.3) and the invoice schedule (§4.5.1). */
class TimeRulesTest {
  @Test
  void retryAfterIsTheWholeSecondsUntilUtcMidnightAtLeastOne() {
    Instant t = Instant.parse("2025-06-14T23:59:59.500Z");
    UtcDay day = UtcDay.of(t);
    assertEquals("20250614", day.key());
    assertEquals(Instant.parse("2025-06-15T00:00:00Z"), day.nextMidnight());
    assertEquals(1, day.secondsUntilMidnight(t));
    assertEquals(86_400, UtcDay.of(Instant.parse("2025-06-14T00:00:00Z"))
        .secondsUntilMidnight(Instant.parse("2025-06-14T00:00:00Z")));
  }

  @Test
  void invoiceRunsOnTheFirstAtTwoUtc() {
    assertEquals(Instant.parse("2025-07-01T02:00:00Z"), InvoiceSchedule.nextRun(Instant.parse("2025-06-14T10:00:00Z")));
    assertEquals(Instant.parse("2025-06-01T02:00:00Z"), InvoiceSchedule.nextRun(Instant.parse("2025-06-01T01:59:59Z")));
    assertEquals(Instant.parse("2025-07-01T02:00:00Z"), InvoiceSchedule.nextRun(Instant.parse("2025-06-01T02:00:00Z")));
    assertEquals(Instant.parse("2026-01-01T02:00:00Z"), InvoiceSchedule.nextRun(Instant.parse("2025-12-31T23:00:00Z")));
  }
}
