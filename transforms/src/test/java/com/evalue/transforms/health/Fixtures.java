package com.evalue.transforms.health;

import com.evalue.transforms.health.normalise.ProcessedPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builders shared by the health tests. */
public final class Fixtures {
  public static final String VIN = "VF1AG000166123456";
  public static final Instant T0 = Instant.parse("2024-03-04T08:00:00Z"); // a Monday

  private Fixtures() {}

  public static Instant min(double minutes) {
    return T0.plus(Duration.ofNanos(Math.round(minutes * 60e9)));
  }

  /**
   * A normalised point at {@code minutes} after {@link #T0}: alternating signal names and values; a value of
   * {@link #INVALID} marks the signal invalid.
   */
  public static ProcessedPoint point(double minutes, Object... signalsAndValues) {
    return pointAt(min(minutes), signalsAndValues);
  }

  public static final Object INVALID = new Object();

  public static ProcessedPoint pointAt(Instant t, Object... signalsAndValues) {
    Map<String, Object> values = new TreeMap<>();
    List<String> invalid = new ArrayList<>();
    for (int i = 0; i < signalsAndValues.length; i += 2) {
      String name = (String) signalsAndValues[i];
      Object v = signalsAndValues[i + 1];
      if (v == INVALID) {
        invalid.add(name);
      } else if (v instanceof Number n) {
        values.put(name, n.doubleValue());
      } else {
        values.put(name, v);
      }
    }
    return new ProcessedPoint(VIN, t, values, invalid, null, null);
  }

  /** Points with SoC only, one every {@code spacingMinutes} from {@link #T0}. */
  public static List<ProcessedPoint> socSeries(double spacingMinutes, double... soc) {
    List<ProcessedPoint> out = new ArrayList<>();
    for (int i = 0; i < soc.length; i++) {
      out.add(point(i * spacingMinutes, "soc", soc[i]));
    }
    return out;
  }
}
