package com.evalue.transforms.source.bmw;

import com.evalue.transforms.source.ColumnType;
import com.evalue.transforms.source.Quantity;
import com.evalue.transforms.source.SignalColumn;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The BMW CarData descriptors we use (spec: sources.md §4.2 table). Every CarData leaf carries a {@code unit}, so a
 * measured descriptor without a known unit is dropped and counted (§1.8).
 * {@code vehicle.drivetrain.electricEngine.charging.level} is a predicted SoC and is deliberately absent: it must
 * never become {@code soc}.
 */
public enum BmwCarDataDescriptor {
  BATTERY_HEADER("vehicle.drivetrain.batteryManagement.header", "soc", ColumnType.DOUBLE, Quantity.PERCENT),
  TRAVELLED_DISTANCE("vehicle.vehicle.travelledDistance", "odometer", ColumnType.DOUBLE, Quantity.LENGTH),
  STATE_OF_HEALTH_DISPLAYED("vehicle.powertrain.electric.battery.stateOfHealth.displayed", "soh_oem",
      ColumnType.DOUBLE, Quantity.PERCENT),
  MAX_ENERGY("vehicle.drivetrain.batteryManagement.maxEnergy", "max_energy", ColumnType.DOUBLE, Quantity.ENERGY),
  CHARGING_STATUS("vehicle.drivetrain.electricEngine.charging.status", "charging_status", ColumnType.STRING, null),
  CHARGING_POWER("vehicle.powertrain.electric.battery.charging.power", "charging_power", ColumnType.DOUBLE,
      Quantity.POWER),
  AC_VOLTAGE("vehicle.drivetrain.electricEngine.charging.acVoltage", "charging_ac_voltage", ColumnType.DOUBLE,
      Quantity.VOLTAGE),
  AC_AMPERE("vehicle.drivetrain.electricEngine.charging.acAmpere", "charging_ac_current", ColumnType.DOUBLE,
      Quantity.CURRENT),
  PHASE_NUMBER("vehicle.drivetrain.electricEngine.charging.phaseNumber", "charging_phases", ColumnType.DOUBLE, null),
  KOMBI_REMAINING_ELECTRIC_RANGE("vehicle.drivetrain.electricEngine.kombiRemainingElectricRange", "estimated_range",
      ColumnType.DOUBLE, Quantity.LENGTH);

  private final String descriptor;
  private final SignalColumn column;
  private final @Nullable Quantity quantity;

  BmwCarDataDescriptor(String descriptor, String signal, ColumnType type, @Nullable Quantity quantity) {
    this.descriptor = descriptor;
    this.column = new SignalColumn(signal, type);
    this.quantity = quantity;
  }

  public String descriptor() {
    return descriptor;
  }

  public SignalColumn column() {
    return column;
  }

  /** The quantity of a measured descriptor (its unit is required); empty for statuses and counts. */
  public Optional<Quantity> quantity() {
    return Optional.ofNullable(quantity);
  }

  public static Optional<BmwCarDataDescriptor> of(String descriptor) {
    for (BmwCarDataDescriptor d : values()) {
      if (d.descriptor.equals(descriptor)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
