package com.evalue.transforms.health.weekly;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * ISO weeks (spec: pipeline.md decision 1, §5 step 2): Monday 00:00 UTC to Sunday 23:59:59.999999 UTC, identified by
 * the date of the Monday. Local time is never used.
 */
public final class IsoWeeks {
  private IsoWeeks() {}

  /** week(t) = the Monday of t's ISO week, in UTC. */
  public static LocalDate weekOf(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The number of ISO weeks from the week of {@code from} to the week of {@code to} (Mondays). */
  public static long weeksBetween(LocalDate fromMonday, LocalDate toMonday) {
    return ChronoUnit.WEEKS.between(fromMonday, toMonday);
  }

  /** The start of a week as an instant (Monday 00:00 UTC). */
  public static Instant start(LocalDate monday) {
    return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
