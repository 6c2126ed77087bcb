package com.evalue.io.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The fleet_info join of spec: pipeline.md §2, read once per run: vehicle ⋈ fleet (inner) ⟕ region ⟕ vehicle_model
 * ⟕ battery ⟕ make (the model's, else the vehicle's) ⟕ oem (the model's, else the make's). Only vehicles whose
 * make code is the run's make are returned.
 */
public final class FleetInfoQuery {
  static final String SQL = """
      SELECT v.vin, v.id AS vehicle_id, f.fleet_name, r.region_name, o.code AS make_code,
             vm.model_name, vm.type, vm.version, vm.id AS vehicle_model_id, vm.battery_id,
             b.capacity, b.net_capacity, vm.autonomy, v.start_date, v.end_of_contract_date, v.activation_status
        FROM vehicle v
        JOIN fleet f ON f.id = v.fleet_id
        LEFT JOIN region r ON r.id = v.region_id
        LEFT JOIN vehicle_model vm ON vm.id = v.vehicle_model_id
        LEFT JOIN battery b ON b.id = vm.battery_id
        LEFT JOIN make mk ON mk.id = COALESCE(vm.make_id, v.make_id)
        LEFT JOIN oem o ON o.id = COALESCE(vm.oem_id, mk.oem_id)
       WHERE o.code = ?
       ORDER BY v.vin
      """;

  private FleetInfoQuery() {}

  /** The rows and the warnings of §2, counted per kind with up to 20 example VINs. */
  public record Result(Map<String, FleetInfoRow> byVin, Map<String, List<String>> warnings) {
    public long count(String warning) {
      return warnings.getOrDefault(warning, List.of()).size();
    }
  }

  public static Result read(DataSource dataSource, String makeCode) {
    Map<String, FleetInfoRow> rows = new TreeMap<>();
    List<String> withoutBattery = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setString(1, makeCode);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          FleetInfoRow row = new FleetInfoRow(
              rs.getString("vin"),
              rs.getObject("vehicle_id", UUID.class),
              rs.getString("fleet_name"),
              rs.getString("region_name"),
              rs.getString("make_code"),
              rs.getString("model_name"),
              rs.getString("type"),
              rs.getString("version"),
              rs.getObject("vehicle_model_id", UUID.class),
              rs.getBigDecimal("capacity"),
              rs.getBigDecimal("net_capacity"),
              (Integer) rs.getObject("autonomy"),
              date(rs.getDate("start_date")),
              date(rs.getDate("end_of_contract_date")),
              rs.getBoolean("activation_status"));
          rows.put(row.vin(), row);
          if (row.vehicleModelId() != null && rs.getObject("battery_id") == null) {
            withoutBattery.add(row.vin());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read fleet_info: " + e.getMessage(), e);
    }
    return new Result(rows, warnings(rows, withoutBattery));
  }

  private static Map<String, List<String>> warnings(Map<String, FleetInfoRow> rows, List<String> withoutBattery) {
    Map<String, List<String>> w = new LinkedHashMap<>();
    for (String k : List.of("fleet_info.missing_model", "fleet_info.missing_battery",
        "fleet_info.missing_net_capacity", "fleet_info.missing_range")) {
      w.put(k, new ArrayList<>());
    }
    w.get("fleet_info.missing_battery").addAll(withoutBattery);
    for (FleetInfoRow r : rows.values()) {
      if (r.vehicleModelId() == null) {
        w.get("fleet_info.missing_model").add(r.vin());
      }
      if (r.netCapacity() == null || r.netCapacity().compareTo(BigDecimal.ZERO) <= 0) {
        w.get("fleet_info.missing_net_capacity").add(r.vin());
      }
      if (r.range() == null || r.range() <= 0) {
        w.get("fleet_info.missing_range").add(r.vin());
      }
    }
    return w;
  }

  private static java.time.LocalDate date(Date d) {
    return d == null ? null : d.toLocalDate();
  }
}
