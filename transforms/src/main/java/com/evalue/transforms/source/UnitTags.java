package com.evalue.transforms.source;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import javax.annotation.Nullable;

/**
 * Unit tags and their conversion to the canonical unit, applied at parse time and never rounded (spec: sources.md
 * §1.8). Tags are matched case-insensitively after trimming.
 */
public final class UnitTags {
  private record Conversion(Quantity quantity, DoubleUnaryOperator toCanonical) {}

  private static final double KM_PER_MILE = 1.609344;
  private static final Map<String, Conversion> TAGS = new HashMap<>();

  static {
    // spec: sources.md §1.8 table, row by row
    tags(Quantity.LENGTH, v -> v, "km", "kilometers", "kilometres");
    tags(Quantity.LENGTH, v -> v * KM_PER_MILE, "mi", "mile", "miles");
    tags(Quantity.LENGTH, v -> v / 1000, "m", "meters", "metres");
    tags(Quantity.SPEED, v -> v, "km/h", "kilometers_per_hour");
    tags(Quantity.SPEED, v -> v * KM_PER_MILE, "mi/h", "mph", "miles_per_hour");
    tags(Quantity.ENERGY, v -> v, "kWh", "kilowatt_hours");
    tags(Quantity.ENERGY, v -> v / 1000, "Wh", "watt_hours");
    tags(Quantity.ENERGY, v -> v / 3600, "kJ", "kilojoules");
    tags(Quantity.ENERGY, v -> v / 3_600_000, "J", "joules");
    tags(Quantity.POWER, v -> v, "kW", "kilowatts");
    tags(Quantity.POWER, v -> v / 1000, "W", "watts");
    tags(Quantity.TEMPERATURE, v -> v, "°C", "C", "celsius");
    tags(Quantity.TEMPERATURE, v -> (v - 32) / 1.8, "°F", "F", "fahrenheit");
    tags(Quantity.TEMPERATURE, v -> v - 273.15, "K", "kelvin");
    tags(Quantity.DURATION, v -> v, "s", "seconds");
    tags(Quantity.DURATION, v -> v * 60, "min", "minutes");
    tags(Quantity.DURATION, v -> v * 3600, "h", "hours");
    tags(Quantity.PERCENT, v -> v, "%", "percent");
    tags(Quantity.VOLTAGE, v -> v, "V", "volts");
    tags(Quantity.CURRENT, v -> v, "A", "amperes");
    // Not in §1.8: BMW sends avg_electric_range_consumption in kWh/100 km (§4.1 table); 1 Wh/km = 0.1 kWh/100 km.
    tags(Quantity.CONSUMPTION, v -> v, "kWh/100km", "kWh/100 km");
    tags(Quantity.CONSUMPTION, v -> v / 10, "Wh/km");
  }

  private UnitTags() {}

  private static void tags(Quantity q, DoubleUnaryOperator f, String... names) {
    for (String name : names) {
      Conversion previous = TAGS.put(key(name), new Conversion(q, f));
      if (previous != null) {
        throw new IllegalStateException("unit tag defined twice: " + name);
      }
    }
  }

  private static String key(String tag) {
    return tag.trim().toLowerCase(Locale.ROOT);
  }

  /** The quantity a tag measures, when the tag is known. */
  public static Optional<Quantity> quantityOf(@Nullable String tag) {
    if (tag == null) {
      return Optional.empty();
    }
    Conversion c = TAGS.get(key(tag));
    return c == null ? Optional.empty() : Optional.of(c.quantity());
  }

  /**
   * {@code value} in {@code tag} converted to the canonical unit of {@code quantity}; empty when the tag is unknown or
   * measures another quantity.
   */
  public static OptionalDouble toCanonical(Quantity quantity, double value, @Nullable String tag) {
    if (tag == null) {
      return OptionalDouble.empty();
    }
    Conversion c = TAGS.get(key(tag));
    if (c == null || c.quantity() != quantity) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(c.toCanonical().applyAsDouble(value));
  }
}
