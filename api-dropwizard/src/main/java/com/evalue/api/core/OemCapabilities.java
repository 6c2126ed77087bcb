package com.evalue.api.core;

import java.util.Set;

/** What each make code (OEM) supports (activation.md §3.3 rules 3–4; api.md §5.2 GET /makes). */
public final class OemCapabilities {
  public static final Set<String> SUPPORTED =
      Set.of("tesla", "bmw", "mercedes-benz", "renault", "volvo-cars", "ford", "kia", "stellantis");
  public static final Set<String> OEM_SOH = Set.of("bmw", "kia", "stellantis");
  public static final Set<String> ESTIMATED_SOH =
      Set.of("tesla", "renault", "ford", "kia", "mercedes-benz", "volvo-cars");
  public static final Set<String> MODEL_AND_TYPE_REQUIRED =
      Set.of("mercedes-benz", "kia", "ford", "stellantis", "volvo-cars");

  private OemCapabilities() {}
}
