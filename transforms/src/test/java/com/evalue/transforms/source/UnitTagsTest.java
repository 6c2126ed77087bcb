package com.evalue.transforms.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitTagsTest {

  @ParameterizedTest(name = "{1} {2} → {3} {0}")
  @CsvSource({
      // spec: sources.md §1.8 examples
      "LENGTH, 100, mi, 160.9344",
      "TEMPERATURE, 212, °F, 100",
      "DURATION, 5, minutes, 300",
      // every row of the table
      "LENGTH, 12.5, km, 12.5",
      "LENGTH, 12.5, Kilometres, 12.5",
      "LENGTH, 1, miles, 1.609344",
      "LENGTH, 1500, m, 1.5",
      "LENGTH, 1500, METERS, 1.5",
      "SPEED, 50, km/h, 50",
      "SPEED, 50, mph, 80.4672",
      "SPEED, 10, miles_per_hour, 16.09344",
      "ENERGY, 33.1, kilowatt_hours, 33.1",
      "ENERGY, 50000, Wh, 50",
      "ENERGY, 2500, watt_hours, 2.5",
      "ENERGY, 7200, kJ, 2",
      "ENERGY, 7200000, joules, 2",
      "POWER, 7.2, kilowatts, 7.2",
      "POWER, 11000, W, 11",
      "TEMPERATURE, 17.5, celsius, 17.5",
      "TEMPERATURE, 17.5, °C, 17.5",
      "TEMPERATURE, 32, F, 0",
      "TEMPERATURE, 273.15, K, 0",
      "TEMPERATURE, 300, kelvin, 26.85",
      "DURATION, 2, h, 7200",
      "DURATION, 30, s, 30",
      "PERCENT, 58, %, 58",
      "PERCENT, 58, percent, 58",
      "VOLTAGE, 230, volts, 230",
      "CURRENT, 16, amperes, 16"})
  void convertsToTheCanonicalUnit(Quantity q, double value, String tag, double expected) {
    OptionalDouble v = UnitTags.toCanonical(q, value, tag);
    assertTrue(v.isPresent(), tag);
    assertEquals(expected, v.getAsDouble(), 1e-9);
  }

  @ParameterizedTest
  @CsvSource({"LENGTH, furlongs", "LENGTH, kW", "POWER, kWh", "TEMPERATURE, degrees", "ENERGY, ''"})
  void unknownOrMismatchedTagsConvertNothing(Quantity q, String tag) {
    assertTrue(UnitTags.toCanonical(q, 1, tag).isEmpty());
  }

  @org.junit.jupiter.api.Test
  void conversionsAreNotRounded() {
    assertEquals(9570.4 * 1.609344, UnitTags.toCanonical(Quantity.LENGTH, 9570.4, "mi").getAsDouble());
    assertEquals(0.001234, UnitTags.toCanonical(Quantity.ENERGY, 1.234, "Wh").getAsDouble());
  }
}
