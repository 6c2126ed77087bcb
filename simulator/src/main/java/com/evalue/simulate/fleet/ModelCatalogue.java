package com.evalue.simulate.fleet;

import com.evalue.transforms.model.Make;
import java.util.List;

/** The 16 models the simulated fleets use; two per make, all present in the shipped model catalogue. */
public final class ModelCatalogue {
  private static final List<VehicleModel> MODELS =
      List.of(
          new VehicleModel(Make.TESLA, "model 3", 75.0, 602, 13.8, 250, 11, 82.0, List.of("5YJ", "LRW"), "3E7EB", 3),
          new VehicleModel(
              Make.TESLA, "model y", 75.0, 533, 15.6, 250, 11, 82.0, List.of("5YJ", "LRW", "XP7"), "YGDEE", 4),
          new VehicleModel(Make.BMW, "i4", 80.7, 590, 16.2, 205, 11, 83.9, List.of("WBA", "WBY"), null, 0),
          new VehicleModel(Make.BMW, "cooper se", 28.9, 234, 14.6, 50, 11, 32.6, List.of("WBY"), null, 0),
          new VehicleModel(Make.MERCEDES_BENZ, "eqa", 66.5, 426, 17.4, 100, 11, 70.5, List.of("W1N"), null, 0),
          new VehicleModel(Make.MERCEDES_BENZ, "eqc", 80.0, 437, 21.0, 110, 11, 85.0, List.of("W1K", "W1N"), null, 0),
          new VehicleModel(Make.RENAULT, "zoe", 52.0, 386, 15.2, 50, 11, 54.7, List.of("VF1"), null, 0),
          new VehicleModel(Make.RENAULT, "megane e-tech", 60.0, 470, 15.8, 130, 11, 63.0, List.of("VF1"), null, 0),
          new VehicleModel(Make.VOLVO_CARS, "xc40 recharge", 75.0, 418, 20.0, 150, 11, 79.0, List.of("YV1"), null, 0),
          new VehicleModel(Make.VOLVO_CARS, "ex30", 64.0, 476, 16.4, 153, 11, 69.0, List.of("YV1"), null, 0),
          new VehicleModel(Make.FORD, "mustang mach-e", 91.0, 600, 18.6, 150, 11, 98.7, List.of("WF0"), null, 0),
          new VehicleModel(Make.FORD, "puma gen-e", 43.0, 376, 14.8, 100, 11, 46.0, List.of("WF0"), null, 0),
          new VehicleModel(Make.KIA, "ev6", 77.4, 528, 17.0, 230, 11, 80.0, List.of("KNA"), null, 0),
          new VehicleModel(Make.KIA, "niro ev", 64.8, 460, 15.9, 80, 11, 67.5, List.of("KNA"), null, 0),
          new VehicleModel(Make.STELLANTIS, "e-208", 46.3, 362, 15.0, 100, 7.4, 50.0, List.of("VR3"), null, 0),
          new VehicleModel(Make.STELLANTIS, "500e", 37.3, 321, 13.9, 85, 11, 42.0, List.of("ZFA"), null, 0));

  private ModelCatalogue() {}

  public static List<VehicleModel> all() {
    return MODELS;
  }

  public static List<VehicleModel> forMake(Make make) {
    return MODELS.stream().filter(m -> m.make() == make).toList();
  }
}
