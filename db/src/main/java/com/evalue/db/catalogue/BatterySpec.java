package com.evalue.db.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The columns of one {@code battery} row, and its get-or-create.
 * spec: schema.md §6.3 — matched on chemistry and manufacturer (case-insensitive), modules, cells, weight,
 * architecture, TMS, nominal voltage, warranty period and mileage, capacities and type.
 */
public record BatterySpec(String type, String chemistry, String manufacturer, BigDecimal capacity,
    BigDecimal netCapacity, BigDecimal estimatedCapacity, Integer modules, Integer cells, BigDecimal weight,
    String architecture, String tms, BigDecimal voltageNominal, Integer warrantyPeriod, Integer warrantyMileage) {

  /** A battery row, and whether this call created it. */
  public record Stored(UUID id, boolean created) {}

  // spec: schema.md §6.4 — battery columns (capacity = full, net_capacity = useable)
  static BatterySpec from(FeedRow row) {
    return new BatterySpec(row.text("Battery_Type"), normaliseChemistry(row.text("Battery_Chemistry")),
        row.text("Battery_Manufacturer"), row.decimal("Battery_Capacity_Full", 2),
        row.decimal("Battery_Capacity_Useable", 2), row.decimal("Battery_Capacity_Estimate", 2),
        row.integer("Battery_Modules"), row.integer("Battery_Cells"), row.decimal("Battery_Weight", 2),
        row.text("Battery_Architecture"), row.text("Battery_TMS"), row.decimal("Battery_Voltage_Nominal", 2),
        row.integer("Battery_Warranty_Period"), row.integer("Battery_Warranty_Mileage"));
  }

  /** A battery known only by its usable capacity (a model the fleet import had to create). */
  public static BatterySpec ofNetCapacity(BigDecimal netCapacityKwh) {
    BigDecimal net = netCapacityKwh.setScale(2, RoundingMode.HALF_UP);
    return new BatterySpec(null, null, null, null, net, null, null, null, null, null, null, null, null, null);
  }

  /** spec: schema.md §3 battery — upper-case; any NMC/NCM spelling → NMC. */
  static String normaliseChemistry(String raw) {
    if (raw == null) {
      return null;
    }
    String upper = raw.trim().toUpperCase(Locale.ROOT);
    return upper.contains("NMC") || upper.contains("NCM") ? "NMC" : upper;
  }

  boolean isEmpty() {
    return columns().stream().allMatch(c -> c.value() == null);
  }

  /** Finds the battery with exactly these values (nulls match nulls), or inserts it. */
  public Stored getOrCreate(Connection connection) throws SQLException {
    List<Column> columns = columns();
    String where = columns.stream()
        .map(c -> c.name().equals("battery_oem")
            ? "lower(battery_oem) IS NOT DISTINCT FROM lower(" + c.parameter() + ")"
            : c.name() + " IS NOT DISTINCT FROM " + c.parameter())
        .collect(Collectors.joining(" AND "));
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT id FROM battery WHERE " + where + " ORDER BY created_at, id LIMIT 1")) {
      Column.bindAll(ps, 1, columns);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return new Stored(rs.getObject(1, UUID.class), false);
        }
      }
    }
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO battery (" + Column.names(columns)
        + ") VALUES (" + Column.parameters(columns) + ") RETURNING id")) {
      Column.bindAll(ps, 1, columns);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Stored(rs.getObject(1, UUID.class), true);
      }
    }
  }

  List<Column> columns() {
    return List.of(
        new Column("battery_type", "varchar", type),
        new Column("battery_chemistry", "varchar", chemistry),
        new Column("battery_oem", "varchar", manufacturer),
        new Column("capacity", "numeric", capacity),
        new Column("net_capacity", "numeric", netCapacity),
        new Column("estimated_capacity", "numeric", estimatedCapacity),
        new Column("battery_modules", "int", modules),
        new Column("battery_cells", "int", cells),
        new Column("battery_weight", "numeric", weight),
        new Column("battery_architecture", "varchar", architecture),
        new Column("battery_tms", "varchar", tms),
        new Column("battery_voltage_nominal", "numeric", voltageNominal),
        new Column("battery_warranty_period", "int", warrantyPeriod),
        new Column("battery_warranty_mileage", "int", warrantyMileage));
  }
}
