package com.evalue.simulate.fleet;

import com.evalue.transforms.model.Make;
import java.util.List;

/**
 * One catalogue model as the simulator needs it. {@code make}, {@code modelName}, {@code netCapacityKwh} and
 * {@code wltpRangeKm} match the shipped model catalogue; the rest is simulator physics.
 *
 * @param baseConsumption kWh/100 km at 60 km/h and 20 °C, measured at the battery
 * @param dcMaxKw peak DC charging power the vehicle accepts
 * @param acMaxKw on-board AC charger limit
 * @param grossCapacityKwh gross pack capacity (Stellantis exports report it)
 * @param wmis world manufacturer identifiers used for this model's VINs
 * @param vdsPrefix fixed VIN positions 4–8, or {@code null} for random ones
 * @param teslaCarType the Tesla {@code CarTypeValue} number (3 = Model3, 4 = ModelY), 0 for other makes
 */
public record VehicleModel(
    Make make,
    String modelName,
    double netCapacityKwh,
    int wltpRangeKm,
    double baseConsumption,
    double dcMaxKw,
    double acMaxKw,
    double grossCapacityKwh,
    List<String> wmis,
    String vdsPrefix,
    int teslaCarType) {}
