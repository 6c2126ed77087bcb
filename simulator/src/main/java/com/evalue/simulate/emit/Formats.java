package com.evalue.simulate.emit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Number and time formatting shared by the encoders: fixed decimals, no locale, no exponent. */
public final class Formats {
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  private Formats() {}

  /** {@code value} rounded half-up to {@code decimals} places, as a double. */
  public static double round(double value, int decimals) {
    return Math.round(value * POW10[decimals]) / (double) POW10[decimals];
  }

  /** {@code value} with exactly {@code decimals} places, e.g. {@code fixed(18.5, 2) = "18.50"}. */
  public static String fixed(double value, int decimals) {
    long scaled = Math.round(value * POW10[decimals]);
    StringBuilder sb = new StringBuilder(24);
    if (scaled < 0) {
      sb.append('-');
      scaled = -scaled;
    }
    sb.append(scaled / POW10[decimals]);
    if (decimals > 0) {
      String frac = Long.toString(scaled % POW10[decimals]);
      sb.append('.');
      for (int i = frac.length(); i < decimals; i++) {
        sb.append('0');
      }
      sb.append(frac);
    }
    return sb.toString();
  }

  /** {@code 2025-06-14T09:12:31.482Z}. */
  public static String isoMillis(Instant t) {
    return MILLIS.format(t);
  }

  /** {@code 2025-06-14T09:12:31Z}. */
  public static String isoSeconds(Instant t) {
    return SECONDS.format(t);
  }

  /** The next whole second at or after {@code t}. */
  public static Instant ceilToSecond(Instant t) {
    return t.getNano() == 0 ? t : Instant.ofEpochSecond(t.getEpochSecond() + 1);
  }
}
