package com.evalue.simulate.fleet;

import com.evalue.simulate.random.Rng;
import com.evalue.transforms.model.Make;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the fleet: makes round-robin over the eight make codes with Tesla weighted a bit more (two slots in nine),
 * models alternating within a make, 2–3 fleets, regions, ages, odometers and health at the start.
 */
public final class FleetPlanner {
  /** One cycle of nine slots: every make once, Tesla twice. Eight vehicles therefore cover all eight makes. */
  static final List<Make> MAKE_CYCLE =
      List.of(
          Make.TESLA, Make.BMW, Make.MERCEDES_BENZ, Make.RENAULT, Make.VOLVO_CARS, Make.FORD, Make.KIA,
          Make.STELLANTIS, Make.TESLA);

  private static final List<String> FLEETS = List.of("Atlas Mobility", "Lumen Lease", "Cityway Rentals");
  private static final double[] HOME_CHARGER_KW = {3.7, 7.4, 11.0};

  private final long seed;

  public FleetPlanner(long seed) {
    this.seed = seed;
  }

  public List<SimulatedVehicle> plan(int vehicles, LocalDate simulationStart) {
    int fleets = vehicles >= 12 ? 3 : 2;
    VinFactory vins = new VinFactory();
    Map<Make, Integer> perMake = new EnumMap<>(Make.class);
    List<SimulatedVehicle> out = new ArrayList<>(vehicles);
    for (int i = 0; i < vehicles; i++) {
      Make make = MAKE_CYCLE.get(i % MAKE_CYCLE.size());
      int ordinal = perMake.merge(make, 1, Integer::sum) - 1;
      List<VehicleModel> models = ModelCatalogue.forMake(make);
      VehicleModel model = models.get(ordinal % models.size());
      Rng rng = Rng.derive(seed, "vehicle", i);

      UsageProfile usage = usage(rng, make, model);
      double ageYears = rng.uniform(0.3, 4.5);
      LocalDate registered = simulationStart.minusDays(Math.round(ageYears * 365.25));
      double startOdometer = Math.max(300, ageYears * usage.annualKm() * rng.uniform(0.75, 1.25));
      // Health at the start: calendar ageing (sub-linear in age) plus a little cycle ageing, 0.90–1.00.
      double soh0 =
          1.0 - 0.021 * Math.pow(ageYears, 0.8) - 3.0e-8 * startOdometer - Math.abs(rng.normal(0, 0.006));
      soh0 = Math.max(0.90, Math.min(0.998, soh0));
      double decline = 0.016 + 0.008 * rng.nextDouble() + 0.005 * usage.dcAffinity();
      decline = Math.max(0.016, Math.min(0.029, decline));

      String vin = vins.next(model, registered.getYear() + (registered.getMonthValue() >= 7 ? 1 : 0), rng);
      String fleet = FLEETS.get(i % fleets);
      Region region = Region.ALL.get(rng.weighted(0.4, 0.3, 0.15, 0.15));
      out.add(
          new SimulatedVehicle(
              i, ordinal, vin, model, fleet, region, registered, round1(startOdometer), soh0, decline, usage));
    }
    return out;
  }

  private static UsageProfile usage(Rng rng, Make make, VehicleModel model) {
    boolean fleetUse = rng.chance(0.3); // sales reps, delivery, car sharing: more and longer daytime trips
    boolean homeCharger = rng.chance(0.8);
    double homeKw = homeCharger ? Math.min(model.acMaxKw(), HOME_CHARGER_KW[rng.weighted(0.2, 0.45, 0.35)]) : 0;
    int[] limits = {80, 85, 90};
    double drain = make == Make.TESLA ? rng.uniform(0.3, 0.8) : rng.uniform(0.05, 0.3);
    return new UsageProfile(
        rng.uniform(8, 45),
        rng.uniform(5.5, 7.75), // UTC; local 07:30–09:45 in summer
        rng.uniform(15.0, 17.25),
        rng.uniform(0.85, 0.97),
        fleetUse ? rng.uniform(1.5, 3.5) : rng.uniform(0.0, 0.8),
        fleetUse ? rng.uniform(20, 45) : rng.uniform(6, 15),
        rng.uniform(0.4, 0.9),
        rng.uniform(0.01, 0.06),
        homeKw,
        rng.chance(0.25),
        rng.uniform(45, 75),
        limits[rng.nextInt(limits.length)],
        rng.uniform(10, 20),
        homeCharger ? rng.uniform(0.03, 0.3) : rng.uniform(0.3, 0.6),
        drain,
        rng.uniform(45, 85));
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
