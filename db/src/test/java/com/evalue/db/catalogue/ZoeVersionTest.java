package com.evalue.db.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spec: schema.md §6.5. */
class ZoeVersionTest {

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {
      "ZE50 R135,        r135, ZE50",
      "R110 ZE40,        r110, ZE40",
      "Q90 ZE40,         q90,  ZE40",
      "ze20 r240,        r240, ze20",
      "Q210,             q210, NULL",
      "ZE40 R90 Life,    r90,  ZE40 Life",
      "ZE50 R1350,       ze50 r1350, NULL",
      "NULL,             NULL, NULL"})
  void typeIsTheFirstKnownTokenAndTheRestIsTheVersion(String text, String type, String version) {
    assertEquals(new ZoeVersion(type, version), ZoeVersion.split(text));
  }

  @ParameterizedTest
  @CsvSource({"zoe, true", "zoé, true", "zoe e-tech, true", "megane e-tech, false", "zoey, false"})
  void appliesToTheRenaultZoeOnly(String model, boolean zoe) {
    assertEquals(zoe, ZoeVersion.isZoe("renault", model));
    assertFalse(ZoeVersion.isZoe("stellantis", model));
    assertTrue(ZoeVersion.isZoe("renault", "zoe"));
  }
}
