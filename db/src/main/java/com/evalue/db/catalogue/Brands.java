package com.evalue.db.catalogue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The commercial brands of the {@code make} table and the make codes ({@code oem.code}) they belong to, loaded once
 * per import. spec: README glossary "make"; schema.md §6.2.
 */
public final class Brands {
  /** A {@code make} row and its OEM. */
  public record Brand(UUID makeId, String makeName, UUID oemId, String oemCode) {}

  // spec: schema.md §6.2 — group mappings for brands the make table does not name (lexus, genesis: no supported OEM)
  private static final Map<String, String> GROUPS = Map.of(
      "smart", "mercedes-benz",
      "mercedes", "mercedes-benz",
      "lexus", "toyota",
      "genesis", "hyundai",
      "ds automobiles", "ds",
      "volvo cars", "volvo");

  private final Map<String, Brand> byName;
  private final Map<String, UUID> oemByCode;

  private Brands(Map<String, Brand> byName, Map<String, UUID> oemByCode) {
    this.byName = byName;
    this.oemByCode = oemByCode;
  }

  public static Brands load(Connection connection) throws SQLException {
    Map<String, Brand> byName = new HashMap<>();
    Map<String, UUID> oemByCode = new HashMap<>();
    try (Statement s = connection.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id, code FROM oem")) {
        while (rs.next()) {
          oemByCode.put(rs.getString("code"), rs.getObject("id", UUID.class));
        }
      }
      try (ResultSet rs = s.executeQuery(
          "SELECT m.id, m.make_name, o.id AS oem_id, o.code FROM make m JOIN oem o ON o.id = m.oem_id")) {
        while (rs.next()) {
          Brand brand = new Brand(rs.getObject("id", UUID.class), rs.getString("make_name"),
              rs.getObject("oem_id", UUID.class), rs.getString("code"));
          byName.put(normalise(brand.makeName()), brand);
        }
      }
    }
    return new Brands(byName, oemByCode);
  }

  /** The brand called {@code name} (any case, accents ignored), directly or through its group mapping. */
  public Optional<Brand> brand(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String key = normalise(name);
    Brand direct = byName.get(key);
    if (direct != null) {
      return Optional.of(direct);
    }
    String group = GROUPS.get(key);
    return group == null ? Optional.empty() : Optional.ofNullable(byName.get(group));
  }

  /** The OEM whose make code is {@code code} (tesla, bmw, ..., stellantis). */
  public Optional<UUID> oemId(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(oemByCode.get(normalise(code)));
  }

  /** Lower-case, trimmed, accents stripped (Citroën → citroen), inner whitespace collapsed. */
  public static String normalise(String name) {
    String stripped = Normalizer.normalize(name.trim(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return stripped.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
