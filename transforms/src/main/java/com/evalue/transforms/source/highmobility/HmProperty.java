package com.evalue.transforms.source.highmobility;

import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.Quantity;
import com.evalue.transforms.source.SignalColumn;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * The High Mobility properties we use, bound to their qualified {@code capability.property} path so that two
 * capabilities with the same property name never collide (spec: sources.md §3.3). A property is mapped only for
 * the makes of the table's "used for" column: a make's column set is fixed (storage.md §4.1).
 */
public enum HmProperty {
  SOC("charging.battery_level", "soc", ColumnType.DOUBLE, null, all()),
  ODOMETER("diagnostics.odometer", "odometer", ColumnType.DOUBLE, Quantity.LENGTH, all()),
  CHARGING_STATUS("charging.status", "charging_status", ColumnType.STRING, null, all()),
  SOH_OEM("charging.state_of_health", "soh_oem", ColumnType.DOUBLE, null, all()),
  CHARGING_POWER("charging.charging_rate", "charging_power", ColumnType.DOUBLE, Quantity.POWER, all()),
  BATTERY_ENERGY("charging.battery_energy", "battery_energy", ColumnType.DOUBLE, Quantity.ENERGY,
      EnumSet.of(Make.RENAULT, Make.FORD, Make.KIA)),
  OUTSIDE_TEMPERATURE("climate.outside_temperature", "outside_temperature", ColumnType.DOUBLE,
      Quantity.TEMPERATURE, EnumSet.of(Make.RENAULT)),
  ESTIMATED_RANGE("charging.estimated_range", "estimated_range", ColumnType.DOUBLE, Quantity.LENGTH,
      EnumSet.of(Make.VOLVO_CARS)),
  TOTAL_CHARGING_DURATION("charging_session.total_charging_duration", "total_charging_duration",
      ColumnType.DOUBLE, Quantity.DURATION, EnumSet.of(Make.MERCEDES_BENZ)),
  ENERGY_CHARGED("charging_session.energy_charged", "energy_charged", ColumnType.DOUBLE, Quantity.ENERGY,
      EnumSet.of(Make.MERCEDES_BENZ));

  private final String path;
  private final SignalColumn column;
  private final @Nullable Quantity quantity;
  private final Set<Make> makes;

  HmProperty(String path, String signal, ColumnType type, @Nullable Quantity quantity, Set<Make> makes) {
    this.path = path;
    this.column = new SignalColumn(signal, type);
    this.quantity = quantity;
    this.makes = makes;
  }

  private static Set<Make> all() {
    return EnumSet.of(Make.MERCEDES_BENZ, Make.RENAULT, Make.VOLVO_CARS, Make.FORD, Make.KIA);
  }

  public String path() {
    return path;
  }

  public SignalColumn column() {
    return column;
  }

  /**
   * The quantity of a {@code {value, unit}} property, whose unit is then required (§1.8); null for plain values
   * (percentages 0–1, enums).
   */
  public Optional<Quantity> quantity() {
    return Optional.ofNullable(quantity);
  }

  public boolean usedFor(Make make) {
    return makes.contains(make);
  }

  /** The properties mapped for {@code make}, in table order. */
  public static List<HmProperty> forMake(Make make) {
    return Arrays.stream(values()).filter(p -> p.usedFor(make)).toList();
  }

  public static Optional<HmProperty> of(Make make, String capability, String property) {
    String p = capability + "." + property;
    for (HmProperty hp : values()) {
      if (hp.path.equals(p) && hp.usedFor(make)) {
        return Optional.of(hp);
      }
    }
    return Optional.empty();
  }
}
