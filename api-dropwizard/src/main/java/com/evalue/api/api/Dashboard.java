package com.evalue.api.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Bodies of {@code /v1/dashboard} (api.md §5.7). SoH values are percent (×100, 1 decimal). */
public final class Dashboard {
  private Dashboard() {}

  public record LastTimestamp(LocalDate timestamp) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Kpi(LocalDate periodStart, LocalDate periodEnd, BigDecimal avgOdometer, BigDecimal avgSohPct,
      long vehicleCount, long pinnedCount) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record NewVehicles(String period, long vehicleCount) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record SearchHit(String vin, UUID fleetId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record GroupVehicle(String vin, BigDecimal sohPct, BigDecimal odometer, String oemName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record GroupPagination(int currentPage, long totalPages, long totalItems) {}

  public record GroupPage(List<GroupVehicle> data, GroupPagination pagination) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ExtremumVehicle(String vin, BigDecimal sohPct, BigDecimal sohOemPct, BigDecimal odometer,
      String oemName, BigDecimal yearsRemaining, String score, BigDecimal fastChargeRatio, BigDecimal consumption,
      BigDecimal sohComparison) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Brand(UUID oemId, String oemName) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ExtremumPagination(long totalItems, long totalPages, boolean hasNext, boolean hasPrevious, int page,
      int pageSize) {}

  public record ExtremumPage(List<ExtremumVehicle> vehicles, List<Brand> brands, ExtremumPagination pagination) {}
}
