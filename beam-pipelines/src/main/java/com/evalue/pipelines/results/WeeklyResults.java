package com.evalue.pipelines.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The weekly rows as customers see them, read back from PostgreSQL {@code vehicle_data} (the table the API serves):
 * {@code evalue results export} and the demo's fleet report.
 */
public final class WeeklyResults {
  /** Export columns, in order (issue: vin, make, week, odometer, SoH with CI/n/method, AC SoH, OEM SoH with CI…). */
  static final String EXPORT_SQL = """
      SELECT v.vin, o.code AS make, d.timestamp AS week, d.odometer,
             d.soh_estimated, d.soh_estimated_ci_low, d.soh_estimated_ci_high, d.soh_estimated_n, d.soh_method,
             d.soh_ac_estimate, d.soh_ac_n, d.soh_oem, d.soh_oem_ci_low, d.soh_oem_ci_high, d.soh_oem_n,
             d.consumption, d.level_1, d.level_2, d.level_3, d.charged_cycles, d.cycles,
             d.timestamp_last_data_collected
        FROM vehicle_data d
        JOIN vehicle v ON v.id = d.vehicle_id
        LEFT JOIN vehicle_model vm ON vm.id = v.vehicle_model_id
        LEFT JOIN make mk ON mk.id = COALESCE(vm.make_id, v.make_id)
        LEFT JOIN oem o ON o.id = COALESCE(vm.oem_id, mk.oem_id)
       WHERE (?::varchar IS NULL OR o.code = ?)
       ORDER BY o.code, v.vin, d.timestamp
      """;

  private WeeklyResults() {}

  public enum Format { CSV, JSONL }

  /** Writes every weekly row (of one make, or all when {@code make} is null); returns the row count. */
  public static long export(DataSource ds, String make, Format format, Writer out) {
    long n = 0;
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(EXPORT_SQL)) {
      ps.setString(1, make);
      ps.setString(2, make);
      ps.setFetchSize(5_000);
      c.setAutoCommit(false);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          names.add(md.getColumnLabel(i));
        }
        if (format == Format.CSV) {
          out.write(String.join(",", names));
          out.write('\n');
        }
        while (rs.next()) {
          List<String> cells = new ArrayList<>();
          for (int i = 1; i <= names.size(); i++) {
            cells.add(format == Format.CSV ? csv(rs.getObject(i)) : json(rs.getObject(i)));
          }
          if (format == Format.CSV) {
            out.write(String.join(",", cells));
          } else {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < names.size(); i++) {
              sb.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(cells.get(i));
            }
            out.write(sb.append('}').toString());
          }
          out.write('\n');
          n++;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read vehicle_data: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  private static String text(Object v) {
    if (v instanceof BigDecimal b) {
      return b.stripTrailingZeros().toPlainString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    return v.toString();
  }

  private static String csv(Object v) {
    if (v == null) {
      return "";
    }
    String s = text(v);
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String json(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number) {
      return text(v);
    }
    return "\"" + text(v).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** One make's line of the fleet report. */
  public record MakeSummary(String make, int vehicles, int weeks, Double medianSoh, String source) {}

  /** A vehicle of the "lowest SoH" list. */
  public record VehicleSoh(String vin, String make, String model, double soh, String source, String week) {}

  /**
   * Per make: vehicles with weekly rows, weeks, and the median of each vehicle's latest SoH — estimated where the
   * make has an estimator, the OEM value otherwise (bmw, stellantis).
   */
  public static List<MakeSummary> summary(DataSource ds) {
    String sql = """
        WITH latest AS (
          SELECT DISTINCT ON (v.id) v.id, o.code AS make,
                 COALESCE(d.soh_estimated, d.soh_oem) AS soh,
                 CASE WHEN d.soh_estimated IS NOT NULL THEN 'estimated' ELSE 'oem' END AS source
            FROM vehicle_data d JOIN vehicle v ON v.id = d.vehicle_id
            LEFT JOIN vehicle_model vm ON vm.id = v.vehicle_model_id
            LEFT JOIN make mk ON mk.id = COALESCE(vm.make_id, v.make_id)
            LEFT JOIN oem o ON o.id = COALESCE(vm.oem_id, mk.oem_id)
           WHERE COALESCE(d.soh_estimated, d.soh_oem) IS NOT NULL
           ORDER BY v.id, d.timestamp DESC),
        weeks AS (
          SELECT o.code AS make, count(DISTINCT v.id) AS vehicles, count(*) AS weeks
            FROM vehicle_data d JOIN vehicle v ON v.id = d.vehicle_id
            LEFT JOIN vehicle_model vm ON vm.id = v.vehicle_model_id
            LEFT JOIN make mk ON mk.id = COALESCE(vm.make_id, v.make_id)
            LEFT JOIN oem o ON o.id = COALESCE(vm.oem_id, mk.oem_id)
           GROUP BY o.code)
        SELECT w.make, w.vehicles, w.weeks,
               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY l.soh) FROM latest l WHERE l.make = w.make),
               (SELECT string_agg(DISTINCT l.source, '+') FROM latest l WHERE l.make = w.make)
          FROM weeks w ORDER BY w.make
        """;
    List<MakeSummary> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        double median = rs.getDouble(4);
        out.add(new MakeSummary(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.wasNull() ? null : median,
            rs.getString(5) == null ? "-" : rs.getString(5)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot summarise vehicle_data: " + e.getMessage(), e);
    }
    return out;
  }

  /** The {@code limit} vehicles with the lowest latest SoH. */
  public static List<VehicleSoh> lowest(DataSource ds, int limit) {
    String sql = """
        SELECT * FROM (
          SELECT DISTINCT ON (v.id) v.vin, o.code, vm.model_name, COALESCE(d.soh_estimated, d.soh_oem) AS soh,
                 CASE WHEN d.soh_estimated IS NOT NULL THEN 'estimated' ELSE 'oem' END, d.timestamp
            FROM vehicle_data d JOIN vehicle v ON v.id = d.vehicle_id
            LEFT JOIN vehicle_model vm ON vm.id = v.vehicle_model_id
            LEFT JOIN make mk ON mk.id = COALESCE(vm.make_id, v.make_id)
            LEFT JOIN oem o ON o.id = COALESCE(vm.oem_id, mk.oem_id)
           WHERE COALESCE(d.soh_estimated, d.soh_oem) IS NOT NULL
           ORDER BY v.id, d.timestamp DESC) latest
         ORDER BY soh, vin LIMIT ?
        """;
    List<VehicleSoh> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new VehicleSoh(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
              rs.getString(5), rs.getDate(6).toString()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read vehicle_data: " + e.getMessage(), e);
    }
    return out;
  }
}
