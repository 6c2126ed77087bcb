package com.evalue.api.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Bodies of {@code /v1/vehicle-command} orders (api.md §5.2, activation.md §3–4). */
public final class VehicleCommand {
  private VehicleCommand() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record OrderRequest(@NotNull UUID fleetId,
      @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid Order> activationOrders) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Order(@NotNull @Valid VehicleRef vehicle, @Valid Activation activation,
      @Size(max = 500) String comment) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record VehicleRef(@NotBlank @Size(max = 64) String vin, @NotBlank @Size(max = 100) String make,
      @Size(max = 100) String model, @Size(max = 100) String type) {}

  /** Dates in ISO, dd/mm/yyyy, dd/mm/yy, mm/dd/yyyy or mm/dd/yy (the first format that parses wins). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Activation(Boolean requestSohEstimated, Boolean requestSohOem, @Size(max = 40) String startDate,
      @Size(max = 40) String endDate) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record DeactivateRequest(@NotNull UUID fleetId,
      @NotNull @Size(min = 1, max = 500) List<@NotNull @Size(max = 64) String> vins) {}

  /** One order's outcome; {@code warning} only when the vehicle was accepted without a model match. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(String vin, boolean status, String message, String warning) {}

  public record Results(List<Result> vehicles) {}
}
