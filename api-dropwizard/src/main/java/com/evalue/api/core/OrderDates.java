package com.evalue.api.core;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates of activation orders (activation.md §3.2; api.md §5.2 POST /order-soh-report). */
public final class OrderDates {
  private static final List<DateTimeFormatter> FULL = List.of(
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
      DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT));
  private static final Pattern TWO_DIGIT = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{2})$");
  private static final Pattern FOUR_DIGIT = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$");
  private static final Pattern ISO_DATE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})T.*$");

  private OrderDates() {}

  /**
   * Parses a date given as ISO, dd/mm/yyyy, dd/mm/yy, mm/dd/yyyy or mm/dd/yy, tried in that order: the first that
   * parses wins (05/06/2025 is 5 June), and yy means 20yy.
   */
  public static Optional<LocalDate> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String s = raw.trim();
    Matcher dateTime = ISO_DATE_TIME.matcher(s);
    if (dateTime.matches()) {
      s = dateTime.group(1);
    }
    try {
      return Optional.of(LocalDate.parse(s, FULL.get(0)));
    } catch (DateTimeParseException e) {
      // next format
    }
    Matcher four = FOUR_DIGIT.matcher(s);
    Matcher two = TWO_DIGIT.matcher(s);
    // dd/mm/yyyy, dd/mm/yy, mm/dd/yyyy, mm/dd/yy
    if (four.matches()) {
      Optional<LocalDate> dayFirst = of(four.group(3), four.group(2), four.group(1));
      if (dayFirst.isPresent()) {
        return dayFirst;
      }
    }
    if (two.matches()) {
      Optional<LocalDate> dayFirst = of("20" + two.group(3), two.group(2), two.group(1));
      if (dayFirst.isPresent()) {
        return dayFirst;
      }
    }
    if (four.matches()) {
      Optional<LocalDate> monthFirst = of(four.group(3), four.group(1), four.group(2));
      if (monthFirst.isPresent()) {
        return monthFirst;
      }
    }
    if (two.matches()) {
      return of("20" + two.group(3), two.group(1), two.group(2));
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> of(String year, String month, String day) {
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The activation end date set by /order-soh-report (activation.md §3.2): OEM SoH only → the last day of the month
   * minus one day, or of the next month when that is not after today; estimated SoH → the same date of the next month
   * when today's day-of-month is above 10, else of the current month.
   */
  public static LocalDate orderEndDate(LocalDate today, boolean estimated) {
    LocalDate thisMonth = today.with(TemporalAdjusters.lastDayOfMonth()).minusDays(1);
    LocalDate nextMonth = today.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth()).minusDays(1);
    if (estimated) {
      return today.getDayOfMonth() > 10 ? nextMonth : thisMonth;
    }
    return thisMonth.isAfter(today) ? thisMonth : nextMonth;
  }
}
