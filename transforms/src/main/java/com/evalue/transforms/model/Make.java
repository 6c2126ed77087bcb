package com.evalue.transforms.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The data-source family of a vehicle and the partition key everywhere (spec: README.md glossary, "make code").
 * Commercial brands map to a make code through the database {@code make} table; High Mobility brand aliases are
 * resolved by {@link #fromBrand(String)}.
 */
public enum Make {
  TESLA("tesla"),
  BMW("bmw"),
  MERCEDES_BENZ("mercedes-benz"),
  RENAULT("renault"),
  VOLVO_CARS("volvo-cars"),
  FORD("ford"),
  KIA("kia"),
  STELLANTIS("stellantis");

  private final String code;

  Make(String code) {
    this.code = code;
  }

  /** The make code as stored in {@code oem.code} and used in storage paths. */
  public String code() {
    return code;
  }

  /** True for the makes that arrive through High Mobility Auto API v13 (spec: sources.md §3). */
  public boolean isHighMobility() {
    return this == MERCEDES_BENZ || this == RENAULT || this == VOLVO_CARS || this == FORD || this == KIA;
  }

  public static Optional<Make> fromCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.code.equals(c)).findFirst();
  }

  /** Parses a make code, failing with a message that lists the valid codes. */
  public static Make parse(String code) {
    return fromCode(code)
        .orElseThrow(() -> new IllegalArgumentException("unknown make '" + code + "'; expected one of " + codes()));
  }

  /** High Mobility brand names and aliases (spec: sources.md §3.1.5). */
  public static Optional<Make> fromBrand(String brand) {
    if (brand == null) {
      return Optional.empty();
    }
    String b = brand.trim().toLowerCase(Locale.ROOT);
    switch (b) {
      case "dacia":
      case "alpine":
      case "mobilize":
        return Optional.of(RENAULT);
      case "smart":
        return Optional.of(MERCEDES_BENZ);
      case "volvo":
        return Optional.of(VOLVO_CARS);
      case "mercedes":
        return Optional.of(MERCEDES_BENZ);
      default:
        return fromCode(b);
    }
  }

  public static String codes() {
    return String.join(", ", Arrays.stream(values()).map(Make::code).toList());
  }
}
