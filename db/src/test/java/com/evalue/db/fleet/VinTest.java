package com.evalue.db.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spec: README glossary "VIN". */
class VinTest {

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {
      "' 5yj3e7eb2nf000001 ', 5YJ3E7EB2NF000001",
      "WBA00000000000002,     WBA00000000000002",
      "5YJ3E7EB2NF00000,      NULL",   // 16 characters
      "5YJ3E7EB2NF0000011,    NULL",   // 18 characters
      "5YJ3E7EI2NF000001,     NULL",   // I
      "5YJ3E7EO2NF000001,     NULL",   // O
      "5YJ3E7EQ2NF000001,     NULL",   // Q
      "5YJ3E7E-2NF000001,     NULL",
      "NULL,                  NULL"})
  void normalisesAndValidates(String raw, String expected) {
    assertEquals(Optional.ofNullable(expected), Vin.normalise(raw));
  }
}
