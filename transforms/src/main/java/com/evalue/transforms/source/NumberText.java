package com.evalue.transforms.source;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Numbers and flags that arrive as text (spec: sources.md §2.4.1): trimmed, {@code .} as the decimal separator,
 * scientific notation accepted; empty, {@code NaN}, {@code Inf}, hex floats, type suffixes, decimal commas and
 * anything that is not finite are not numbers.
 */
public final class NumberText {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private NumberText() {}

  public static OptionalDouble parse(@Nullable String text) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    String t = text.trim();
    if (!DECIMAL.matcher(t).matches()) {
      return OptionalDouble.empty();
    }
    double v = Double.parseDouble(t);
    return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
  }

  /** {@code true}/{@code 1} → 1.0, {@code false}/{@code 0} → 0.0, case-insensitively; anything else is empty. */
  public static OptionalDouble parseFlag(@Nullable String text) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
        return OptionalDouble.of(1.0);
      case "false":
      case "0":
        return OptionalDouble.of(0.0);
      default:
        return OptionalDouble.empty();
    }
  }
}
