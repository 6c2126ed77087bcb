package com.evalue.transforms.source.tesla;

import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.SignalColumn;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The members of Tesla's {@code Field} enum that we know (spec: sources.md §2.3). Members with a signal are decoded;
 * the others (Location) are known only so that the JSON form's names map to the same numbers as the protobuf form
 * in the content hash. Unknown field numbers are ignored by the decoder.
 */
public enum TeslaField {
  UNKNOWN(0, "Unknown", null, null, null),
  ODOMETER(5, "Odometer", "odometer", ColumnType.DOUBLE, null),
  SOC(8, "Soc", "soc", ColumnType.DOUBLE, null),
  LOCATION(21, "Location", null, null, null),
  MODULE_TEMP_MAX(29, "ModuleTempMax", "module_temp_max", ColumnType.DOUBLE, null),
  MODULE_TEMP_MIN(31, "ModuleTempMin", "module_temp_min", ColumnType.DOUBLE, null),
  DC_CHARGING_ENERGY_IN(34, "DCChargingEnergyIn", "dc_charge_energy_added", ColumnType.DOUBLE, null),
  DC_CHARGING_POWER(35, "DCChargingPower", "dc_charging_power", ColumnType.DOUBLE, null),
  AC_CHARGING_ENERGY_IN(36, "ACChargingEnergyIn", "ac_charge_energy_added", ColumnType.DOUBLE, null),
  AC_CHARGING_POWER(37, "ACChargingPower", "ac_charging_power", ColumnType.DOUBLE, null),
  CHARGE_LIMIT_SOC(38, "ChargeLimitSoc", "charge_limit_soc", ColumnType.DOUBLE, null),
  FAST_CHARGER_PRESENT(39, "FastChargerPresent", "fast_charger_present", ColumnType.BOOLEAN, null),
  BATTERY_LEVEL(42, "BatteryLevel", "battery_level", ColumnType.DOUBLE, null),
  OUTSIDE_TEMP(86, "OutsideTemp", "outside_temperature", ColumnType.DOUBLE, null),
  CAR_TYPE(113, "CarType", "car_type", ColumnType.STRING, TeslaEnum.CAR_TYPE),
  CHARGE_PORT(117, "ChargePort", "charge_port", ColumnType.STRING, TeslaEnum.CHARGE_PORT),
  ENERGY_REMAINING(158, "EnergyRemaining", "energy_remaining", ColumnType.DOUBLE, null),
  BMS_STATE(160, "BMSState", "bms_state", ColumnType.STRING, TeslaEnum.BMS_STATE),
  DETAILED_CHARGE_STATE(179, "DetailedChargeState", "charging_status", ColumnType.STRING,
      TeslaEnum.DETAILED_CHARGE_STATE),
  CHARGING_CABLE_TYPE(185, "ChargingCableType", "charging_cable_type", ColumnType.STRING, TeslaEnum.CABLE_TYPE),
  FAST_CHARGER_TYPE(193, "FastChargerType", "fast_charger_type", ColumnType.STRING, TeslaEnum.FAST_CHARGER);

  private final int number;
  private final String protoName;
  private final @Nullable String signal;
  private final @Nullable ColumnType type;
  private final @Nullable TeslaEnum enumType;

  TeslaField(int number, String protoName, @Nullable String signal, @Nullable ColumnType type,
      @Nullable TeslaEnum enumType) {
    this.number = number;
    this.protoName = protoName;
    this.signal = signal;
    this.type = type;
    this.enumType = enumType;
  }

  public int number() {
    return number;
  }

  /** The enum member name as used by the JSON form's {@code key} (§2.5). */
  public String protoName() {
    return protoName;
  }

  /** The canonical column this field feeds, when it is one we decode. */
  public Optional<SignalColumn> column() {
    return signal == null ? Optional.empty() : Optional.of(new SignalColumn(signal, type));
  }

  /** For STRING columns: the enum whose prefix a {@code string_value} carries. */
  public Optional<TeslaEnum> enumType() {
    return Optional.ofNullable(enumType);
  }

  public static Optional<TeslaField> ofNumber(int number) {
    for (TeslaField f : values()) {
      if (f.number == number) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The field of a JSON {@code key} name, matched exactly and then case-insensitively. */
  public static Optional<TeslaField> ofName(String name) {
    String n = name.trim();
    for (TeslaField f : values()) {
      if (f.protoName.equals(n)) {
        return Optional.of(f);
      }
    }
    for (TeslaField f : values()) {
      if (f.protoName.equalsIgnoreCase(n)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
