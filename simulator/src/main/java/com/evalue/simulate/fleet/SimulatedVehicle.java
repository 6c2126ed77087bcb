package com.evalue.simulate.fleet;

import com.evalue.transforms.model.Make;
import java.time.LocalDate;

/**
 * A vehicle of the simulated fleet: its static attributes (the fleet.csv row), its battery's health curve and its
 * usage. {@code index} is its position in the fleet; {@code makeOrdinal} its position among vehicles of the same
 * make (used to alternate per-make variants such as the Tesla encoding).
 */
public record SimulatedVehicle(
    int index,
    int makeOrdinal,
    String vin,
    VehicleModel model,
    String fleet,
    Region region,
    LocalDate registrationDate,
    double startOdometerKm,
    double sohAtStart,
    double sohDeclinePerYear,
    UsageProfile usage) {

  public Make make() {
    return model.make();
  }
}
