package com.evalue.transforms.source.bmw;

import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.Quantity;
import com.evalue.transforms.source.SignalColumn;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The BMW push keys we use (spec: sources.md §4.1 table). Other keys, {@code current_remaining_fuel_range} and
 * {@code remaining_fuel} included, are ignored. The {@code unit} member is optional in the push body: when present
 * it converts the value (§1.8), when absent the value stays in BMW's native unit, which is the canonical one.
 */
public enum BmwPushKey {
  SOC_HV_HEADER("soc_hv_header", "soc", ColumnType.DOUBLE, Quantity.PERCENT),
  MILEAGE("mileage", "odometer", ColumnType.DOUBLE, Quantity.LENGTH),
  HV_STATE_OF_HEALTH("hv_state_of_health", "soh_oem", ColumnType.DOUBLE, Quantity.PERCENT),
  KOMBI_REMAINING_ELECTRIC_RANGE("kombi_remaining_electric_range", "estimated_range", ColumnType.DOUBLE,
      Quantity.LENGTH),
  AVG_ELECTRIC_RANGE_CONSUMPTION("avg_electric_range_consumption", "consumption_oem", ColumnType.DOUBLE,
      Quantity.CONSUMPTION),
  CHARGING_STATUS("charging_status", "charging_status", ColumnType.STRING, null),
  CHARGING_AC_VOLTAGE("charging_ac_voltage", "charging_ac_voltage", ColumnType.DOUBLE, Quantity.VOLTAGE),
  CHARGING_AC_AMPERE("charging_ac_ampere", "charging_ac_current", ColumnType.DOUBLE, Quantity.CURRENT);

  private final String key;
  private final SignalColumn column;
  private final @Nullable Quantity quantity;

  BmwPushKey(String key, String signal, ColumnType type, @Nullable Quantity quantity) {
    this.key = key;
    this.column = new SignalColumn(signal, type);
    this.quantity = quantity;
  }

  public String key() {
    return key;
  }

  public SignalColumn column() {
    return column;
  }

  public Optional<Quantity> quantity() {
    return Optional.ofNullable(quantity);
  }

  public static Optional<BmwPushKey> of(String key) {
    for (BmwPushKey k : values()) {
      if (k.key.equals(key)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
