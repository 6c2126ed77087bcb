package com.evalue.api.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The UTC day of the metering counters (api.md §4.3.2) and the time left until it ends. */
public record UtcDay(LocalDate date, Instant nextMidnight) {
  private static final DateTimeFormatter KEY = DateTimeFormatter.BASIC_ISO_DATE;

  public static UtcDay of(Instant now) {
    LocalDate date = now.atOffset(ZoneOffset.UTC).toLocalDate();
    return new UtcDay(date, date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  /** {@code YYYYMMDD} */
  public String key() {
    return KEY.format(date);
  }

  /** Whole seconds until the next 00:00 UTC, at least 1 (the {@code Retry-After} of a 429). */
  public long secondsUntilMidnight(Instant now) {
    long millis = nextMidnight.toEpochMilli() - now.toEpochMilli();
    return Math.max(1, (millis + 999) / 1000);
  }
}
