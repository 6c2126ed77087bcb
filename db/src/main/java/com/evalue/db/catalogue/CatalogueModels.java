package com.evalue.db.catalogue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Get-or-create of a catalogue {@code vehicle_model} keyed by {@code evdb_model_id}, then update of its fields.
 * spec: schema.md §6.4, §6.6 — a row is only written when a value differs, so a rerun changes nothing.
 */
final class CatalogueModels {
  enum Outcome { CREATED, UPDATED, UNCHANGED }

  private CatalogueModels() {}

  static Outcome upsert(Connection connection, int evdbModelId, List<Column> columns) throws SQLException {
    UUID id = find(connection, evdbModelId);
    if (id == null) {
      try (PreparedStatement ps = connection.prepareStatement("INSERT INTO vehicle_model (" + Column.names(columns)
          + ", evdb_model_id) VALUES (" + Column.parameters(columns) + ", ?)")) {
        int next = Column.bindAll(ps, 1, columns);
        ps.setInt(next, evdbModelId);
        ps.executeUpdate();
      }
      return Outcome.CREATED;
    }
    String set = columns.stream().map(c -> c.name() + " = " + c.parameter()).collect(Collectors.joining(", "));
    String sql = "UPDATE vehicle_model SET " + set + " WHERE id = ? AND (" + Column.names(columns)
        + ") IS DISTINCT FROM (" + Column.parameters(columns) + ")";
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int next = Column.bindAll(ps, 1, columns);
      ps.setObject(next++, id);
      Column.bindAll(ps, next, columns);
      return ps.executeUpdate() == 1 ? Outcome.UPDATED : Outcome.UNCHANGED;
    }
  }

  private static UUID find(Connection connection, int evdbModelId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM vehicle_model WHERE evdb_model_id = ?")) {
      ps.setInt(1, evdbModelId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1, UUID.class) : null;
      }
    }
  }
}
