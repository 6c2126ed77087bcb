package com.evalue.api.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Bodies of {@code /v1/in_life_data} (api.md §5.3). */
public final class InLife {
  private InLife() {}

  /** The latest week with any of odometer, estimated SoH, OEM SoH. SoH values are fractions. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record InLifeData(String vin, LocalDate week, BigDecimal odometer, String region, BigDecimal soh,
      BigDecimal sohCiLow, BigDecimal sohCiHigh, Integer sohN, String sohMethod, BigDecimal sohOem,
      BigDecimal sohOemCiLow, BigDecimal sohOemCiHigh, Integer cycles, BigDecimal consumption,
      BigDecimal sohComparison, @JsonProperty("level_1") BigDecimal level1,
      @JsonProperty("level_2") BigDecimal level2, @JsonProperty("level_3") BigDecimal level3,
      Instant timestampLastDataCollected) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Eligibility(String vin, boolean exists, boolean isEligible, boolean isActivated, String message) {}
}
