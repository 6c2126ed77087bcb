package com.evalue.db.fleet;

import com.evalue.db.catalogue.BatterySpec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Maps a fleet row's (make code, model) to a {@code vehicle_model}, creating the model when the catalogue has none.
 * Several catalogue rows for one model name: prefer the one whose battery net capacity equals the row's (±0.5 kWh),
 * then the one whose WLTP range equals the row's, then the latest {@code commissioning_date}.
 */
final class FleetModels {
  static final BigDecimal CAPACITY_TOLERANCE_KWH = new BigDecimal("0.5");
  static final String CREATED_SOURCE = "fleet import";

  /** The chosen model and its brand ({@code make_id}, may be null). */
  record Match(UUID modelId, UUID makeId, boolean created) {}

  private record Candidate(UUID id, UUID makeId, BigDecimal netCapacity, Integer autonomy, LocalDate commissioning,
      Integer evdbId) {}

  private FleetModels() {}

  static Match findOrCreate(Connection c, FleetRow row) throws SQLException {
    List<Candidate> candidates = candidates(c, row.oemId(), row.model());
    Comparator<Candidate> preference = Comparator
        .comparing((Candidate k) -> !capacityMatches(k, row.netCapacityKwh()))
        .thenComparing(k -> row.rangeKm() == null || !row.rangeKm().equals(k.autonomy()))
        .thenComparing(Candidate::commissioning, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(Candidate::evdbId, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Candidate::id);
    Optional<Candidate> best = candidates.stream().min(preference);
    return best.isPresent() ? new Match(best.get().id(), best.get().makeId(), false) : create(c, row);
  }

  private static boolean capacityMatches(Candidate k, BigDecimal wanted) {
    return wanted != null && k.netCapacity() != null
        && k.netCapacity().subtract(wanted).abs().compareTo(CAPACITY_TOLERANCE_KWH) <= 0;
  }

  private static List<Candidate> candidates(Connection c, UUID oemId, String modelName) throws SQLException {
    List<Candidate> found = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT m.id, m.make_id, b.net_capacity, m.autonomy,"
        + " m.commissioning_date, m.evdb_model_id FROM vehicle_model m LEFT JOIN battery b ON b.id = m.battery_id"
        + " WHERE m.oem_id = ? AND m.model_name = ?")) {
      ps.setObject(1, oemId);
      ps.setString(2, modelName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date commissioning = rs.getDate("commissioning_date");
          found.add(new Candidate(rs.getObject("id", UUID.class), rs.getObject("make_id", UUID.class),
              rs.getBigDecimal("net_capacity"), (Integer) rs.getObject("autonomy"),
              commissioning == null ? null : commissioning.toLocalDate(), (Integer) rs.getObject("evdb_model_id")));
        }
      }
    }
    return found;
  }

  // a model not in the catalogue: created with a battery carrying the given net capacity, autonomy = range
  private static Match create(Connection c, FleetRow row) throws SQLException {
    UUID batteryId = row.netCapacityKwh() == null ? null
        : BatterySpec.ofNetCapacity(row.netCapacityKwh()).getOrCreate(c).id();
    UUID makeId = row.brand() == null ? null : row.brand().makeId();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO vehicle_model"
        + " (model_name, oem_id, make_id, battery_id, autonomy, source) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, row.model());
      ps.setObject(2, row.oemId());
      ps.setObject(3, makeId, Types.OTHER);
      ps.setObject(4, batteryId, Types.OTHER);
      if (row.rangeKm() == null) {
        ps.setNull(5, Types.INTEGER);
      } else {
        ps.setInt(5, row.rangeKm());
      }
      ps.setString(6, CREATED_SOURCE);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Match(rs.getObject(1, UUID.class), makeId, true);
      }
    }
  }
}
