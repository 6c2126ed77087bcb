package com.evalue.api.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A user's resolved plan (api.md §4.2): the plan's values with the user's custom overrides applied. A null limit is
 * unlimited. {@code effectiveDate}/{@code expirationDate} are those of the user's {@code api_user_pricing} row.
 */
public record PricingPlan(String name, String description, Integer requestsLimit, Integer maxDistinctVins,
    BigDecimal pricePerRequest, LocalDate effectiveDate, LocalDate expirationDate) {
  public static final String STANDARD = "Plan Standard";

  /** For the admission script: −1 = unlimited. */
  public long requestsLimitOrUnlimited() {
    return requestsLimit == null ? -1 : requestsLimit;
  }

  public long maxDistinctVinsOrUnlimited() {
    return maxDistinctVins == null ? -1 : maxDistinctVins;
  }
}
