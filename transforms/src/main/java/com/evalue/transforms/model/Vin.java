package com.evalue.transforms.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * VIN rules (spec: README.md glossary, sources.md §1.2): trimmed, upper-cased, 17 characters from A–Z and 0–9
 * without I, O, Q. The check digit is deliberately not validated.
 */
public final class Vin {
  private static final Pattern VALID = Pattern.compile("^[A-HJ-NPR-Z0-9]{17}$");

  private Vin() {}

  /** The normalised VIN, or empty when the input is not a valid VIN after trimming and upper-casing. */
  public static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String v = raw.trim().toUpperCase(Locale.ROOT);
    return VALID.matcher(v).matches() ? Optional.of(v) : Optional.empty();
  }

  public static boolean isValid(String raw) {
    return normalize(raw).isPresent();
  }

  /** A one-line reason why {@code raw} is not a VIN, for dead letters and import reports. */
  public static String whyInvalid(String raw) {
    if (raw == null || raw.isBlank()) {
      return "missing VIN";
    }
    String v = raw.trim().toUpperCase(Locale.ROOT);
    if (v.length() != 17) {
      return "invalid VIN '" + raw + "': length " + v.length() + ", expected 17";
    }
    return "invalid VIN '" + raw + "': only A-Z and 0-9 without I, O, Q are allowed";
  }
}
