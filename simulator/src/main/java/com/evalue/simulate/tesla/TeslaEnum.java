package com.evalue.simulate.tesla;

import java.util.List;

/**
 * The enum value types of the Tesla {@code Value} oneof (spec: sources.md §2.2): oneof field number, JSON member
 * name, name prefix and member names by number.
 */
public enum TeslaEnum {
  BMS_STATE(15, "bmsStateValue", "BMSState",
      List.of("Unknown", "Standby", "Drive", "Support", "Charge", "FEIM", "ClearFault", "Fault", "Weld", "Test",
          "SNA")),
  CAR_TYPE(17, "carTypeValue", "CarType",
      List.of("Unknown", "ModelS", "ModelX", "Model3", "ModelY", "SemiTruck", "Cybertruck")),
  CHARGE_PORT(18, "chargePortValue", "ChargePort", List.of("Unknown", "US", "EU", "GB", "CCS")),
  DETAILED_CHARGE_STATE(32, "detailedChargeStateValue", "DetailedChargeState",
      List.of("Unknown", "Disconnected", "NoPower", "Starting", "Charging", "Complete", "Stopped")),
  FAST_CHARGER(40, "fastChargerValue", "FastCharger",
      List.of("Unknown", "Supercharger", "CHAdeMO", "GB", "ACSingleWireCAN", "Combo", "MCSingleWireCAN", "Other",
          "SNA")),
  CABLE_TYPE(41, "cableTypeValue", "CableType", List.of("Unknown", "IEC", "SAE", "GB_AC", "GB_DC", "SNA"));

  private final int oneofField;
  private final String jsonMember;
  private final String prefix;
  private final List<String> names;

  TeslaEnum(int oneofField, String jsonMember, String prefix, List<String> names) {
    this.oneofField = oneofField;
    this.jsonMember = jsonMember;
    this.prefix = prefix;
    this.names = names;
  }

  public int oneofField() {
    return oneofField;
  }

  public String jsonMember() {
    return jsonMember;
  }

  /** The full enum constant name, e.g. {@code DetailedChargeStateCharging}. */
  public String constantName(int number) {
    return number >= 0 && number < names.size() ? prefix + names.get(number) : prefix + "Unknown";
  }

  /** The wire number of a short member name, e.g. {@code number("Charging") = 4}. */
  public int number(String shortName) {
    int i = names.indexOf(shortName);
    if (i < 0) {
      throw new IllegalArgumentException(prefix + " has no member " + shortName);
    }
    return i;
  }
}
