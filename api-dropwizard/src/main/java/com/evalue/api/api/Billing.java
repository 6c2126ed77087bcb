package com.evalue.api.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Bodies of {@code /v1/billing} (api.md §5.6). Limits and remainders are null when unlimited. */
public final class Billing {
  private Billing() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Usage(UUID userId, String pricingPlan, Integer requestsLimit, Integer maxDistinctVins,
      BigDecimal pricePerRequest, long currentRequests, long currentDistinctVins, Long remainingRequests,
      Long remainingDistinctVins, long unbilledCalls) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Info(UUID userId, String email, String planName, String planDescription, Integer requestsLimit,
      Integer maxDistinctVins, long currentDistinctVins, BigDecimal pricePerRequest, long unbilledCalls,
      BigDecimal totalCost, LocalDate effectiveDate, LocalDate expirationDate) {}
}
