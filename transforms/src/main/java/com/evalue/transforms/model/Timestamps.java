package com.evalue.transforms.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Time conventions of the spec: UTC, ISO-8601 with {@code Z}, microsecond precision in storage. */
public final class Timestamps {
  /** Always six fractional digits, e.g. {@code 2025-06-14T09:12:31.482000Z} (storage.md §2.3). */
  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
          .appendLiteral('Z')
          .toFormatter()
          .withZone(ZoneOffset.UTC);

  /** ISO-8601 with an optional offset; a value without one is UTC (sources.md §4.1.3). */
  private static final DateTimeFormatter LENIENT_ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM:ss", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
          .toFormatter();

  private Timestamps() {}

  public static Instant truncateToMicros(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  public static String formatMicros(Instant t) {
    return MICROS.format(t);
  }

  /** Parses ISO-8601 date-times with or without an offset ({@code Z}, {@code +02:00}); no offset means UTC. */
  public static Instant parseIso(String text) {
    String s = text.trim();
    Instant fast = parseUtcFast(s);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(s, LENIENT_ISO).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.parse(s);
    }
  }

  private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
      1_000_000_000};

  /**
   * The common form {@code uuuu-MM-ddTHH:mm:ss[.f…f]Z} (1–9 fraction digits) without the general formatter, which
   * was a tenth of the CPU time of decoding the archive (docs/benchmarks.md, "Pipeline"). Null for any other form
   * or any field out of its plain range (leap second, 24:00, 31 February, …): {@link #parseIso} then leaves the
   * decision to the general parser, so the results are the same.
   */
  static Instant parseUtcFast(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    int nano = 0;
    if (n > 20) {
      int fractionDigits = n - 21;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      int fraction = digits(s, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nano = fraction * POW10[9 - fractionDigits];
    }
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
      return null;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nano);
  }

  /** The decimal value of s[from, to), or −1 when a character is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  public static Optional<Instant> tryParseIso(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parseIso(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Epoch rule of sources.md §1.3: at most 10 digits is epoch seconds, longer is epoch milliseconds. */
  public static Instant fromEpochDigits(long value) {
    long abs = Math.abs(value);
    return abs < 10_000_000_000L ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
  }

  public static long toEpochMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
  }

  public static Instant fromEpochMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
