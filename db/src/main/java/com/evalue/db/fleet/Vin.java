package com.evalue.db.fleet;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A vehicle identification number: trimmed, upper-cased, 17 characters from A–Z and 0–9 without I, O and Q.
 * The check digit is not validated. spec: README glossary "VIN".
 */
public final class Vin {
  private static final Pattern VALID = Pattern.compile("^[A-HJ-NPR-Z0-9]{17}$");

  private Vin() {}

  /** The normalised VIN, or empty when {@code raw} is not a valid VIN. */
  public static Optional<String> normalise(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String vin = raw.trim().toUpperCase(Locale.ROOT);
    return VALID.matcher(vin).matches() ? Optional.of(vin) : Optional.empty();
  }
}
