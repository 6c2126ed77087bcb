package com.evalue.simulate.tesla;

/** The members of the Tesla {@code Field} enum we send (spec: sources.md §2.3), with their wire numbers. */
public enum TeslaField {
  ODOMETER(5, "Odometer"),
  SOC(8, "Soc"),
  BATTERY_LEVEL(42, "BatteryLevel"),
  DC_CHARGING_ENERGY_IN(34, "DCChargingEnergyIn"),
  DC_CHARGING_POWER(35, "DCChargingPower"),
  AC_CHARGING_ENERGY_IN(36, "ACChargingEnergyIn"),
  AC_CHARGING_POWER(37, "ACChargingPower"),
  ENERGY_REMAINING(158, "EnergyRemaining"),
  CHARGE_LIMIT_SOC(38, "ChargeLimitSoc"),
  OUTSIDE_TEMP(86, "OutsideTemp"),
  MODULE_TEMP_MAX(29, "ModuleTempMax"),
  MODULE_TEMP_MIN(31, "ModuleTempMin"),
  FAST_CHARGER_PRESENT(39, "FastChargerPresent"),
  CAR_TYPE(113, "CarType"),
  CHARGE_PORT(117, "ChargePort"),
  BMS_STATE(160, "BMSState"),
  DETAILED_CHARGE_STATE(179, "DetailedChargeState"),
  CHARGING_CABLE_TYPE(185, "ChargingCableType"),
  FAST_CHARGER_TYPE(193, "FastChargerType");

  /** Fields from this number up are always sent typed (spec: sources.md §2.3). */
  public static final int FIRST_ALWAYS_TYPED = 179;

  private final int number;
  private final String jsonName;

  TeslaField(int number, String jsonName) {
    this.number = number;
    this.jsonName = jsonName;
  }

  public int number() {
    return number;
  }

  /** The enum name used as {@code key} in the JSON form. */
  public String jsonName() {
    return jsonName;
  }
}
