package com.evalue.transforms.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
  @ParameterizedTest
  @ValueSource(strings = {"2025-06-14T09:12:31Z", "2025-06-14T09:12:31.4Z", "2025-06-14T09:12:31.482Z",
      "2025-06-14T09:12:31.482123Z", "2025-06-14T09:12:31.482123456Z", "2024-02-29T23:59:59.999Z",
      "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00.000Z"})
  void theFastPathGivesWhatTheGeneralParserGives(String text) {
    assertNotNull(Timestamps.parseUtcFast(text), text);
    assertEquals(Instant.parse(text), Timestamps.parseIso(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-06-14T09:12Z", "2025-06-14T09:12:31", "2025-06-14t09:12:31z",
      "2025-06-14T09:12:31+02:00", "2025-06-14T09:12:31.Z", "2025-06-14T09:12:31.1234567890Z",
      "2025-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "2025-06-14T24:00:00Z", "2016-12-31T23:59:60Z",
      "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "+12025-06-14T09:12:31Z", "2025-06-14 09:12:31Z",
      "2025-06-1xT09:12:31Z", "2025-06-14T09:12:31,5Z"})
  void otherFormsAndOutOfRangeFieldsGoToTheGeneralParser(String text) {
    assertNull(Timestamps.parseUtcFast(text), text);
    Optional<Instant> general = general(text);
    assertEquals(general, Timestamps.tryParseIso(text), text);
  }

  @Test
  void offsetsAndMissingOffsets() {
    assertEquals(Instant.parse("2025-06-14T07:12:31Z"), Timestamps.parseIso("2025-06-14T09:12:31+02:00"));
    assertEquals(Instant.parse("2025-06-14T09:12:31Z"), Timestamps.parseIso(" 2025-06-14T09:12:31 "));
    assertEquals(Instant.parse("2016-12-31T23:59:59Z"), Timestamps.parseIso("2016-12-31T23:59:60Z"));
    assertThrows(DateTimeParseException.class, () -> Timestamps.parseIso("yesterday"));
  }

  @Test
  void randomInstantsRoundTrip() {
    Random r = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Instant t = Instant.ofEpochSecond(r.nextLong(0, 4_102_444_800L), r.nextInt(1_000_000_000));
      String text = t.toString();
      assertEquals(t, Timestamps.parseIso(text), text);
      assertEquals(Instant.parse(text), Timestamps.parseUtcFast(text), text);
      String micros = Timestamps.formatMicros(t);
      assertEquals(Timestamps.truncateToMicros(t), Timestamps.parseIso(micros), micros);
    }
  }

  /** What parseIso gave before the fast path: the lenient formatter, then Instant.parse. */
  private static Optional<Instant> general(String text) {
    String s = text.trim();
    try {
      return Optional.of(OffsetDateTime.parse(s, lenient()).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(Instant.parse(s));
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  private static java.time.format.DateTimeFormatter lenient() {
    return new java.time.format.DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE)
        .appendLiteral('T')
        .appendPattern("HH:mm")
        .optionalStart().appendPattern(":ss").optionalEnd()
        .optionalStart().appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
        .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
        .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
        .parseDefaulting(java.time.temporal.ChronoField.OFFSET_SECONDS, 0)
        .toFormatter();
  }
}
