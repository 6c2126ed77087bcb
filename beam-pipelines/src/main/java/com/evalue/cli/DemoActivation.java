package com.evalue.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Demo only: the simulated vehicles send data, so the demo records them as activated (with a history row), the way
 * the activation job (spec: activation.md) would after the OEM confirmed them. Without it the API would answer
 * "Vehicle is not yet activated" for every demo VIN. Idempotent: already active vehicles are left alone.
 */
final class DemoActivation {
  private DemoActivation() {}

  static int activate(DataSource ds, Path fleetCsv) {
    List<String> vins;
    try {
      vins = Files.readAllLines(fleetCsv).stream().skip(1).map(l -> l.split(",", 2)[0].trim())
          .filter(v -> !v.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fleetCsv + ": " + e.getMessage(), e);
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      int n;
      try (PreparedStatement history = c.prepareStatement("""
              INSERT INTO vehicle_activation_history
                (vehicle_id, activation_requested_status, activation_status, activation_status_message, oem_detail)
              SELECT id, true, true, 'Activated (simulated fleet)', 'evalue demo' FROM vehicle
               WHERE vin = ANY (?) AND NOT activation_status""");
          PreparedStatement update = c.prepareStatement("""
              UPDATE vehicle SET activation_status = true, activation_requested_status = true,
                     requested_soh_estimated = true, requested_soh_oem = true,
                     activation_start_date = COALESCE(activation_start_date, current_date),
                     activation_status_message = 'Activated (simulated fleet)'
               WHERE vin = ANY (?) AND NOT activation_status""")) {
        history.setArray(1, c.createArrayOf("varchar", vins.toArray()));
        history.executeUpdate();
        update.setArray(1, c.createArrayOf("varchar", vins.toArray()));
        n = update.executeUpdate();
        c.commit();
      }
      return n;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot activate the demo vehicles: " + e.getMessage(), e);
    }
  }
}
