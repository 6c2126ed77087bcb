package com.evalue.api.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Bodies of the model-catalogue endpoints: makes and models (api.md §5.2), static data and flash SoH (§5.4). */
public final class Catalogue {
  private Catalogue() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record MakeItem(UUID makeId, String makeName, String makeConditions, boolean sohReadout,
      boolean sohEstimated) {}

  public record MakesResponse(List<MakeItem> makes) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ModelItem(UUID modelId, String modelName, String type, String version, BigDecimal batteryCapacity) {}

  public record ModelsResponse(List<ModelItem> models) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record EligibleModel(UUID modelId, String make, String modelName, String modelType,
      LocalDate commissioningDate, LocalDate endOfLifeDate, boolean hasFlashSoh, boolean hasOemSoh,
      boolean hasEstimatedSoh) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record VehicleSpec(LocalDate commissioningDate, LocalDate endOfLifeDate, Integer autonomy,
      Integer autonomyCityWinter, Integer autonomyCitySummer, Integer autonomyHighwayWinter,
      Integer autonomyHighwaySummer, Integer autonomyCombinedWinter, Integer autonomyCombinedSummer,
      Integer warrantyDate, Integer warrantyKm, Integer maximumSpeed, String chargePlugLocation,
      String chargePlugType, BigDecimal expectedConsumption, BigDecimal fastChargeMaxPower,
      Integer fastChargeDuration, Integer standardChargeDuration, Integer acChargeDuration) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record BatterySpec(String batteryChemistry, String batteryOem, BigDecimal batteryCapacity,
      BigDecimal batteryNetCapacity) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ModelData(UUID modelId, String make, String modelName, String modelType, String version,
      VehicleSpec vehicle, BatterySpec battery) {}

  public record Coefficients(double a, double b, double offset) {}

  public record Bands(Coefficients mean, Coefficients lower, Coefficients upper) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TrendlineResponse(UUID modelId, String modelName, String modelType, String version, Bands estimated,
      Bands oem, String comment) {}

  /** {@code trendline_min}/{@code trendline_max} are [[km, soh], …] at 0, 30 000 … 120 000 km (results.md §9). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record FlashSoh(UUID modelId, double soh, String source, int odometer, List<double[]> trendlineMin,
      List<double[]> trendlineMax) {}
}
