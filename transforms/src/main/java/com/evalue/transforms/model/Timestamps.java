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
    try {
      return OffsetDateTime.parse(s, LENIENT_ISO).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.parse(s);
    }
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
