package com.evalue.db.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Get-or-create of the company, fleets and regions a fleet import files vehicles under, cached for one import.
 * Fleets belong to one company, found by name (the oldest of that name) or created.
 */
final class Fleets {
  static final String DEFAULT_FLEET = "Default fleet";
  static final String DEFAULT_REGION = "Unknown"; // spec: schema.md §5 seed region

  private final Connection connection;
  private final String companyName;
  private UUID companyId;
  private final Map<String, UUID> fleets = new HashMap<>();
  private final Map<String, UUID> regions = new HashMap<>();

  Fleets(Connection connection, String companyName) {
    this.connection = connection;
    this.companyName = companyName;
  }

  UUID fleet(String name) throws SQLException {
    String key = name == null ? DEFAULT_FLEET : name;
    UUID id = fleets.get(key);
    if (id == null) {
      UUID company = company();
      id = getOrCreate("INSERT INTO fleet (fleet_name, company_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
          "SELECT id FROM fleet WHERE fleet_name = ? AND company_id = ?", key, company);
      fleets.put(key, id);
    }
    return id;
  }

  UUID region(String name) throws SQLException {
    String key = name == null ? DEFAULT_REGION : name;
    UUID id = regions.get(key);
    if (id == null) {
      id = getOrCreate("INSERT INTO region (region_name) VALUES (?) ON CONFLICT DO NOTHING",
          "SELECT id FROM region WHERE region_name = ?", key, null);
      regions.put(key, id);
    }
    return id;
  }

  /** Drops the cached ids, e.g. after a rollback that may have removed rows created since. */
  void forget() {
    companyId = null;
    fleets.clear();
    regions.clear();
  }

  private UUID company() throws SQLException {
    if (companyId == null) {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT id FROM company WHERE name = ? ORDER BY created_at, id LIMIT 1")) {
        ps.setString(1, companyName);
        try (ResultSet rs = ps.executeQuery()) {
          companyId = rs.next() ? rs.getObject(1, UUID.class) : null;
        }
      }
      if (companyId == null) {
        try (PreparedStatement ps = connection.prepareStatement(
            "INSERT INTO company (name) VALUES (?) RETURNING id")) {
          ps.setString(1, companyName);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            companyId = rs.getObject(1, UUID.class);
          }
        }
      }
    }
    return companyId;
  }

  private UUID getOrCreate(String insert, String select, String name, UUID companyId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(insert)) {
      bind(ps, name, companyId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = connection.prepareStatement(select)) {
      bind(ps, name, companyId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  private static void bind(PreparedStatement ps, String name, UUID companyId) throws SQLException {
    ps.setString(1, name);
    if (companyId != null) {
      ps.setObject(2, companyId);
    }
  }
}
