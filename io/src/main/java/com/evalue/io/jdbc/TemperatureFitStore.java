package com.evalue.io.jdbc;

import com.evalue.transforms.health.temperature.TemperatureFit;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The {@code soh_temperature_fit} table (spec: schema.md §3, pipeline.md §4.3 step 3). */
public final class TemperatureFitStore {
  private TemperatureFitStore() {}

  public static Map<String, TemperatureFit> read(DataSource ds, String make) {
    Map<String, TemperatureFit> out = new TreeMap<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT model_name, slope, intercept, n_points, r2, is_valid FROM soh_temperature_fit WHERE make = ?")) {
      ps.setString(1, make);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new TemperatureFit(rs.getString(1), d(rs.getBigDecimal(2)),
              d(rs.getBigDecimal(3)), rs.getInt(4), d(rs.getBigDecimal(5)), rs.getBoolean(6)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read soh_temperature_fit: " + e.getMessage(), e);
    }
    return out;
  }

  /** Upserts the fits; models without inputs any more are deleted (their fit "disappeared"). */
  public static void replace(DataSource ds, String make, Map<String, TemperatureFit> fits, Instant fittedAt) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement(
              "DELETE FROM soh_temperature_fit WHERE make = ? AND NOT (model_name = ANY (?))");
          PreparedStatement up = c.prepareStatement("""
              INSERT INTO soh_temperature_fit (make, model_name, slope, intercept, n_points, r2, is_valid, fitted_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (make, model_name) DO UPDATE SET slope = EXCLUDED.slope, intercept = EXCLUDED.intercept,
                n_points = EXCLUDED.n_points, r2 = EXCLUDED.r2, is_valid = EXCLUDED.is_valid,
                fitted_at = EXCLUDED.fitted_at""")) {
        del.setString(1, make);
        del.setArray(2, c.createArrayOf("varchar", fits.keySet().toArray()));
        del.executeUpdate();
        for (TemperatureFit f : fits.values()) {
          up.setString(1, make);
          up.setString(2, f.model());
          up.setObject(3, scaled(f.slope(), 10));
          up.setObject(4, scaled(f.intercept(), 10));
          up.setInt(5, f.n());
          up.setObject(6, scaled(f.r2(), 5));
          up.setBoolean(7, f.isValid());
          up.setTimestamp(8, Timestamp.from(fittedAt));
          up.addBatch();
        }
        up.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write soh_temperature_fit: " + e.getMessage(), e);
    }
  }

  private static Double d(BigDecimal b) {
    return b == null ? null : b.doubleValue();
  }

  private static BigDecimal scaled(Double v, int scale) {
    return v == null || !Double.isFinite(v) ? null
        : BigDecimal.valueOf(v).setScale(scale, java.math.RoundingMode.HALF_UP);
  }
}
