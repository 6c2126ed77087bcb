package com.evalue.transforms.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.model.Make;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalsTest {
  private static SignalColumn d(String name) {
    return new SignalColumn(name, ColumnType.DOUBLE);
  }

  private static SignalColumn s(String name) {
    return new SignalColumn(name, ColumnType.STRING);
  }

  private static SignalColumn b(String name) {
    return new SignalColumn(name, ColumnType.BOOLEAN);
  }

  @Test
  void teslaColumnsAreTheSection23Table() {
    assertEquals(List.of(d("odometer"), d("soc"), d("module_temp_max"), d("module_temp_min"),
        d("dc_charge_energy_added"), d("dc_charging_power"), d("ac_charge_energy_added"), d("ac_charging_power"),
        d("charge_limit_soc"), b("fast_charger_present"), d("battery_level"), d("outside_temperature"),
        s("car_type"), s("charge_port"), d("energy_remaining"), s("bms_state"), s("charging_status"),
        s("charging_cable_type"), s("fast_charger_type")), Signals.columnsFor(Make.TESLA));
  }

  @Test
  void highMobilityColumnsFollowTheUsedForColumn() {
    List<SignalColumn> common = List.of(d("soc"), d("odometer"), s("charging_status"), d("soh_oem"),
        d("charging_power"));
    assertEquals(concat(common, d("battery_energy"), d("outside_temperature")), Signals.columnsFor(Make.RENAULT));
    assertEquals(concat(common, d("battery_energy")), Signals.columnsFor(Make.FORD));
    assertEquals(concat(common, d("battery_energy")), Signals.columnsFor(Make.KIA));
    assertEquals(concat(common, d("estimated_range")), Signals.columnsFor(Make.VOLVO_CARS));
    assertEquals(concat(common, d("total_charging_duration"), d("energy_charged")),
        Signals.columnsFor(Make.MERCEDES_BENZ));
  }

  @Test
  void bmwColumnsArePushKeysThenCarDataOnlyDescriptors() {
    assertEquals(List.of(d("soc"), d("odometer"), d("soh_oem"), d("estimated_range"), d("consumption_oem"),
        s("charging_status"), d("charging_ac_voltage"), d("charging_ac_current"), d("max_energy"),
        d("charging_power"), d("charging_phases")), Signals.columnsFor(Make.BMW));
  }

  @Test
  void stellantisColumnsAreTheSection5Table() {
    assertEquals(List.of(d("odometer"), d("soc"), d("estimated_range"), d("battery_capacity"),
        d("energy_remaining"), d("soh_oem"), s("charging_status"), s("charging_mode"), b("plugged"),
        d("charging_power"), d("outside_temperature")), Signals.columnsFor(Make.STELLANTIS));
  }

  @Test
  void typeOfLooksUpOneColumn() {
    assertEquals(Optional.of(ColumnType.BOOLEAN), Signals.typeOf(Make.STELLANTIS, "plugged"));
    assertEquals(Optional.empty(), Signals.typeOf(Make.RENAULT, "estimated_range"));
    assertTrue(Signals.columnsFor(Make.BMW).stream().noneMatch(c -> c.name().equals("charging_level")));
    assertFalse(Signals.typeOf(Make.TESLA, "location").isPresent());
  }

  private static List<SignalColumn> concat(List<SignalColumn> head, SignalColumn... tail) {
    List<SignalColumn> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
