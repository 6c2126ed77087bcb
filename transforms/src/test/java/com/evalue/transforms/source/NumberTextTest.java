package com.evalue.transforms.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberTextTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"67.418|67.418", "' 1e3 '|1000", "-0.5|-0.5", "+3|3", "5.|5", "1E-2|0.01"})
  void parsesDecimalText(String text, double expected) {
    assertEquals(expected, NumberText.parse(text).getAsDouble());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "NaN", "Inf", "-Infinity", "1,5", "0x1p3", "2f", "1e999", "12 34", "--1"})
  void rejectsEverythingElse(String text) {
    assertTrue(NumberText.parse(text).isEmpty(), text);
  }
}
