package com.evalue.db.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One model row of the catalogue feed, keyed by lower-cased field name, with typed getters. A getter returns null
 * for an absent or blank value and throws {@link IllegalArgumentException} (a one-line reason) for a malformed one.
 */
record FeedRow(Map<String, String> values) {
  private static final Set<String> BLANKS = Set.of("", "-", "n/a", "na", "null", "none");

  String text(String field) {
    String v = values.get(field.toLowerCase(Locale.ROOT));
    if (v == null) {
      return null;
    }
    String trimmed = v.trim().replaceAll("\\s+", " ");
    return BLANKS.contains(trimmed.toLowerCase(Locale.ROOT)) ? null : trimmed;
  }

  String lowerText(String field) {
    String v = text(field);
    return v == null ? null : v.toLowerCase(Locale.ROOT);
  }

  BigDecimal decimal(String field, int scale) {
    BigDecimal v = exact(field);
    return v == null ? null : v.setScale(scale, RoundingMode.HALF_UP);
  }

  Integer integer(String field) {
    BigDecimal v = exact(field);
    if (v == null) {
      return null;
    }
    try {
      return v.setScale(0, RoundingMode.HALF_UP).intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("invalid " + field + " '" + text(field) + "'");
    }
  }

  /** The unrounded number, e.g. Wh/km before the ÷10 of schema.md §6.4. */
  BigDecimal exact(String field) {
    String v = text(field);
    if (v == null) {
      return null;
    }
    try {
      return new BigDecimal(v.replace(',', '.'));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid " + field + " '" + v + "'");
    }
  }

  // spec: schema.md §6.4 — MM-YYYY → first day of the month
  LocalDate month(String field) {
    String v = text(field);
    if (v == null) {
      return null;
    }
    try {
      String[] parts = v.split("[-/]");
      if (parts.length != 2) {
        throw new DateTimeParseException("not MM-YYYY", v, 0);
      }
      return LocalDate.of(Integer.parseInt(parts[1].trim()), Integer.parseInt(parts[0].trim()), 1);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid " + field + " '" + v + "' (expected MM-YYYY)");
    }
  }
}
