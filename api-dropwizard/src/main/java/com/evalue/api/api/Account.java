package com.evalue.api.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.UUID;

/** Bodies of {@code /v1/account} (api.md §5.1). */
public final class Account {
  private Account() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FleetItem(UUID fleetId, String fleetName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FleetsResponse(List<FleetItem> fleets) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record VehicleItem(String vin, boolean requestedSohEstimated, boolean requestedSohOem,
      boolean requestedActivation, boolean status, String message, String comment, String consentInformation) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Pagination(int page, int pageSize, long totalItems, long totalPages) {
    public static Pagination of(int page, int pageSize, long totalItems) {
      return new Pagination(page, pageSize, totalItems, (totalItems + pageSize - 1) / pageSize);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record VehiclesResponse(List<VehicleItem> vehicles, Pagination pagination) {}
}
