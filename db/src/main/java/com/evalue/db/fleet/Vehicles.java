package com.evalue.db.fleet;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Upsert of a {@code vehicle} on its VIN. A value the CSV row leaves blank keeps the stored one (a new vehicle gets
 * the defaults the caller passes); the row is written only when a value changes, so a re-import changes nothing.
 */
final class Vehicles {
  enum Outcome { INSERTED, UPDATED, UNCHANGED }

  /** The columns the fleet import owns. */
  record Values(UUID fleetId, UUID regionId, UUID modelId, UUID makeId, LocalDate startDate) {
    Values over(Values stored) {
      return new Values(pick(fleetId, stored.fleetId), pick(regionId, stored.regionId),
          pick(modelId, stored.modelId), pick(makeId, stored.makeId), pick(startDate, stored.startDate));
    }

    private static <T> T pick(T given, T stored) {
      return given != null ? given : stored;
    }
  }

  private Vehicles() {}

  /** The defaults of a new vehicle, computed only when the VIN is new (they may create a fleet or region). */
  interface Defaults {
    Values get() throws SQLException;
  }

  /** {@code given} holds the row's values (null = not given); {@code defaults} fill a new vehicle's gaps. */
  static Outcome upsert(Connection c, String vin, Values given, Defaults defaults) throws SQLException {
    Values stored = find(c, vin);
    if (stored == null) {
      write(c, "INSERT INTO vehicle (fleet_id, region_id, vehicle_model_id, make_id, start_date, vin)"
          + " VALUES (?, ?, ?, ?, ?, ?)", vin, given.over(defaults.get()));
      return Outcome.INSERTED;
    }
    Values wanted = given.over(stored);
    if (wanted.equals(stored)) {
      return Outcome.UNCHANGED;
    }
    write(c, "UPDATE vehicle SET fleet_id = ?, region_id = ?, vehicle_model_id = ?, make_id = ?, start_date = ?"
        + " WHERE vin = ?", vin, wanted);
    return Outcome.UPDATED;
  }

  private static Values find(Connection c, String vin) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT fleet_id, region_id, vehicle_model_id, make_id, start_date"
        + " FROM vehicle WHERE vin = ?")) {
      ps.setString(1, vin);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Date start = rs.getDate("start_date");
        return new Values(rs.getObject("fleet_id", UUID.class), rs.getObject("region_id", UUID.class),
            rs.getObject("vehicle_model_id", UUID.class), rs.getObject("make_id", UUID.class),
            start == null ? null : start.toLocalDate());
      }
    }
  }

  private static void write(Connection c, String sql, String vin, Values v) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, v.fleetId(), Types.OTHER);
      ps.setObject(2, v.regionId(), Types.OTHER);
      ps.setObject(3, v.modelId(), Types.OTHER);
      ps.setObject(4, v.makeId(), Types.OTHER);
      ps.setObject(5, v.startDate(), Types.DATE);
      ps.setString(6, vin);
      ps.executeUpdate();
    }
  }
}
