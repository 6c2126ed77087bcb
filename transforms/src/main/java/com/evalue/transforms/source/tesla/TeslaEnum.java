package com.evalue.transforms.source.tesla;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Tesla enum value types we read, with their numbers, names and type prefixes (spec: sources.md §2.2). The
 * canonical string of a value is its name without the type prefix, lower-cased; an unknown number n is
 * {@code unknown_{n}}.
 */
public enum TeslaEnum {
  DETAILED_CHARGE_STATE("DetailedChargeState", 32, "detailedChargeStateValue", "detailed_charge_state_value",
      "Unknown", "Disconnected", "NoPower", "Starting", "Charging", "Complete", "Stopped"),
  CAR_TYPE("CarType", 17, "carTypeValue", "car_type_value",
      "Unknown", "ModelS", "ModelX", "Model3", "ModelY", "SemiTruck", "Cybertruck"),
  BMS_STATE("BMSState", 15, "bmsStateValue", "bms_state_value",
      "Unknown", "Standby", "Drive", "Support", "Charge", "FEIM", "ClearFault", "Fault", "Weld", "Test", "SNA"),
  FAST_CHARGER("FastCharger", 40, "fastChargerValue", "fast_charger_value",
      "Unknown", "Supercharger", "CHAdeMO", "GB", "ACSingleWireCAN", "Combo", "MCSingleWireCAN", "Other", "SNA"),
  CABLE_TYPE("CableType", 41, "cableTypeValue", "cable_type_value",
      "Unknown", "IEC", "SAE", "GB_AC", "GB_DC", "SNA"),
  CHARGE_PORT("ChargePort", 18, "chargePortValue", "charge_port_value",
      "Unknown", "US", "EU", "GB", "CCS");

  private final String prefix;
  private final int valueCase;
  private final String jsonName;
  private final String protoName;
  private final String[] names;

  TeslaEnum(String prefix, int valueCase, String jsonName, String protoName, String... names) {
    this.prefix = prefix;
    this.valueCase = valueCase;
    this.jsonName = jsonName;
    this.protoName = protoName;
    this.names = names;
  }

  /** The number of the {@code Value} oneof member that carries this enum (e.g. 32 for DetailedChargeState). */
  public int valueCase() {
    return valueCase;
  }

  /** The lowerCamelCase member name in the protobuf-JSON form (§2.5). */
  public String jsonName() {
    return jsonName;
  }

  /** The proto field name, also accepted in the JSON form. */
  public String protoName() {
    return protoName;
  }

  /** The canonical string of enum number {@code n} (§2.2). */
  public String canonical(long n) {
    if (n >= 0 && n < names.length) {
      return names[(int) n].toLowerCase(Locale.ROOT);
    }
    return "unknown_" + n;
  }

  /**
   * The canonical string of an enum name as sent: trimmed, the type prefix stripped, lower-cased
   * ({@code DetailedChargeStateCharging} → {@code charging}). A purely numeric name is read as the enum number.
   */
  public String canonical(String name) {
    String n = name.trim();
    if (n.matches("-?[0-9]{1,18}")) {
      return canonical(Long.parseLong(n));
    }
    if (n.length() > prefix.length() && n.regionMatches(true, 0, prefix, 0, prefix.length())) {
      n = n.substring(prefix.length());
    }
    return n.toLowerCase(Locale.ROOT);
  }

  /** The enum number of a name, with or without prefix, when it is one of ours. */
  public OptionalInt numberOf(String name) {
    String c = canonical(name);
    for (int i = 0; i < names.length; i++) {
      if (names[i].toLowerCase(Locale.ROOT).equals(c)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  public static Optional<TeslaEnum> ofValueCase(int valueCase) {
    for (TeslaEnum e : values()) {
      if (e.valueCase == valueCase) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public static Optional<TeslaEnum> ofJsonMember(String member) {
    for (TeslaEnum e : values()) {
      if (e.jsonName.equals(member) || e.protoName.equals(member)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
