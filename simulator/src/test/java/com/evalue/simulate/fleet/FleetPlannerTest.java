package com.evalue.simulate.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Vin;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetPlannerTest {
  private static final LocalDate START = LocalDate.of(2025, 1, 6);

  @Test
  void eightVehiclesCoverTheEightMakesAndTeslaIsWeightedMore() {
    List<SimulatedVehicle> eight = new FleetPlanner(1).plan(8, START);
    assertEquals(Set.of(Make.values()), new HashSet<>(eight.stream().map(SimulatedVehicle::make).toList()));

    Map<Make, Integer> counts = new EnumMap<>(Make.class);
    new FleetPlanner(1).plan(50, START).forEach(v -> counts.merge(v.make(), 1, Integer::sum));
    for (Make m : Make.values()) {
      if (m != Make.TESLA) {
        assertTrue(counts.get(Make.TESLA) > counts.get(m), counts.toString());
      }
    }
  }

  @Test
  void vehiclesAreRealistic() {
    List<SimulatedVehicle> fleet = new FleetPlanner(7).plan(200, START);
    Set<String> vins = new HashSet<>();
    Set<String> fleets = new HashSet<>();
    for (SimulatedVehicle v : fleet) {
      assertTrue(Vin.isValid(v.vin()), v.vin());
      assertTrue(vins.add(v.vin()), "unique " + v.vin());
      assertTrue(v.model().wmis().contains(v.vin().substring(0, 3)), v.vin());
      assertEquals(VinFactory.checkDigit(v.vin()), v.vin().charAt(8), v.vin());
      if (v.make() == Make.STELLANTIS) {
        assertNotEquals('X', v.vin().charAt(7), "sources.md §5.4: " + v.vin());
      }
      assertTrue(ModelCatalogue.all().contains(v.model()));
      assertTrue(v.sohAtStart() >= 0.90 && v.sohAtStart() <= 1.0, "soh0 " + v.sohAtStart());
      assertTrue(v.sohDeclinePerYear() >= 0.015 && v.sohDeclinePerYear() <= 0.03);
      assertTrue(v.registrationDate().isBefore(START));
      assertTrue(v.startOdometerKm() > 0 && v.startOdometerKm() < 400_000, "odometer " + v.startOdometerKm());
      fleets.add(v.fleet());
    }
    assertEquals(3, fleets.size());
    assertEquals(2, new HashSet<>(new FleetPlanner(7).plan(8, START).stream().map(SimulatedVehicle::fleet)
        .toList()).size());
  }

  @Test
  void olderAndMoreDrivenVehiclesStartLowerOnAverage() {
    List<SimulatedVehicle> fleet = new FleetPlanner(3).plan(300, START);
    double young = fleet.stream().filter(v -> v.registrationDate().isAfter(START.minusYears(1)))
        .mapToDouble(SimulatedVehicle::sohAtStart).average().orElseThrow();
    double old = fleet.stream().filter(v -> v.registrationDate().isBefore(START.minusYears(3)))
        .mapToDouble(SimulatedVehicle::sohAtStart).average().orElseThrow();
    assertTrue(young > old + 0.02, "young " + young + " old " + old);
  }

  @Test
  void checkDigitOfAKnownVin() {
    assertEquals('1', VinFactory.checkDigit("11111111111111111"));
    assertEquals('X', VinFactory.checkDigit("1M8GDM9A_KP042788".replace('_', '0')));
  }
}
