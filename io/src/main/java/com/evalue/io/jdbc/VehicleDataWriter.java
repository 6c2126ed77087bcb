package com.evalue.io.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The PostgreSQL {@code vehicle_data} write contract (spec: storage.md §7): per vehicle, one transaction that
 * upserts every weekly row on (vehicle_id, timestamp) and deletes the vehicle's rows whose week is no longer
 * produced. Statements carry at most 1000 rows; values are rounded half-up to the column scale and a value that
 * does not fit its column is written as null and counted; connection and serialisation failures are retried up to
 * three times after 1, 2 and 4 s. {@code soh_comparison} is never written here. An upsert that would change
 * nothing is skipped, so a rerun leaves rows (and their {@code updated_at}) untouched.
 */
public final class VehicleDataWriter {
  static final int MAX_ROWS_PER_STATEMENT = 1000;
  private static final long[] RETRY_DELAYS_MS = {1000, 2000, 4000};

  /** A value column: its type and, for numerics, precision and scale. */
  record ValueColumn(String name, int sqlType, int precision, int scale) {}

  /** The value columns of spec: pipeline.md §5 step 10, in order. */
  static final List<ValueColumn> COLUMNS = List.of(
      new ValueColumn("odometer", Types.NUMERIC, 10, 2),
      new ValueColumn("soh_estimated", Types.NUMERIC, 5, 4),
      new ValueColumn("soh_estimated_ci_low", Types.NUMERIC, 5, 4),
      new ValueColumn("soh_estimated_ci_high", Types.NUMERIC, 5, 4),
      new ValueColumn("soh_estimated_n", Types.INTEGER, 0, 0),
      new ValueColumn("soh_method", Types.VARCHAR, 20, 0),
      new ValueColumn("soh_ac_estimate", Types.NUMERIC, 5, 4),
      new ValueColumn("soh_ac_n", Types.INTEGER, 0, 0),
      new ValueColumn("soh_oem", Types.NUMERIC, 5, 4),
      new ValueColumn("soh_oem_ci_low", Types.NUMERIC, 5, 4),
      new ValueColumn("soh_oem_ci_high", Types.NUMERIC, 5, 4),
      new ValueColumn("soh_oem_n", Types.INTEGER, 0, 0),
      new ValueColumn("consumption", Types.NUMERIC, 6, 3),
      new ValueColumn("level_1", Types.NUMERIC, 8, 4),
      new ValueColumn("level_2", Types.NUMERIC, 8, 4),
      new ValueColumn("level_3", Types.NUMERIC, 8, 4),
      new ValueColumn("charged_cycles", Types.NUMERIC, 8, 4),
      new ValueColumn("cycles", Types.INTEGER, 0, 0),
      new ValueColumn("timestamp_last_data_collected", Types.TIMESTAMP_WITH_TIMEZONE, 0, 0));

  /** One weekly row: its ISO-week Monday and the values by column name (absent = null). */
  public record Week(LocalDate monday, Map<String, Object> values) {}

  /** What one vehicle's transaction did. */
  public record Outcome(int upserted, int deleted, int nulledOutOfRange) {}

  private VehicleDataWriter() {}

  public static Outcome write(DataSource dataSource, UUID vehicleId, List<Week> weeks) {
    SQLException last = null;
    for (int attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      if (attempt > 0) {
        sleep(RETRY_DELAYS_MS[attempt - 1]);
      }
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          Outcome o = writeIn(c, vehicleId, weeks);
          c.commit();
          return o;
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        if (!retryable(e)) {
          throw new IllegalStateException("vehicle_data write for vehicle " + vehicleId + " failed: "
              + e.getMessage(), e);
        }
        last = e;
      }
    }
    throw new IllegalStateException("vehicle_data write for vehicle " + vehicleId + " failed after "
        + RETRY_DELAYS_MS.length + " retries: " + last.getMessage(), last);
  }

  private static Outcome writeIn(Connection c, UUID vehicleId, List<Week> weeks) throws SQLException {
    int nulled = 0;
    int upserted = 0;
    for (int from = 0; from < weeks.size(); from += MAX_ROWS_PER_STATEMENT) {
      List<Week> chunk = weeks.subList(from, Math.min(weeks.size(), from + MAX_ROWS_PER_STATEMENT));
      try (PreparedStatement ps = c.prepareStatement(upsertSql(chunk.size()))) {
        int i = 1;
        for (Week w : chunk) {
          ps.setObject(i++, vehicleId);
          ps.setDate(i++, Date.valueOf(w.monday()));
          for (ValueColumn col : COLUMNS) {
            Object v = fit(col, w.values().get(col.name()));
            if (v == null && w.values().get(col.name()) != null) {
              nulled++;
            }
            bind(ps, i++, col, v);
          }
        }
        upserted += ps.executeUpdate();
      }
    }
    int deleted;
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM vehicle_data WHERE vehicle_id = ? AND NOT (timestamp = ANY (?))")) {
      ps.setObject(1, vehicleId);
      ps.setArray(2, c.createArrayOf("date", weeks.stream().map(w -> Date.valueOf(w.monday())).toArray()));
      deleted = ps.executeUpdate();
    }
    return new Outcome(upserted, deleted, nulled);
  }

  static String upsertSql(int rows) {
    String cols = COLUMNS.stream().map(ValueColumn::name).collect(Collectors.joining(", "));
    String one = "(?, ?" + ", ?".repeat(COLUMNS.size()) + ")";
    List<String> values = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      values.add(one);
    }
    String set = COLUMNS.stream().map(c -> c.name() + " = EXCLUDED." + c.name()).collect(Collectors.joining(", "));
    String old = COLUMNS.stream().map(c -> "vehicle_data." + c.name()).collect(Collectors.joining(", "));
    String neu = COLUMNS.stream().map(c -> "EXCLUDED." + c.name()).collect(Collectors.joining(", "));
    return "INSERT INTO vehicle_data (vehicle_id, timestamp, " + cols + ") VALUES " + String.join(", ", values)
        + " ON CONFLICT (vehicle_id, timestamp) DO UPDATE SET " + set
        + " WHERE (" + old + ") IS DISTINCT FROM (" + neu + ")";
  }

  /** Rounds half-up to the column scale; a value beyond the precision (or not finite) becomes null. */
  static Object fit(ValueColumn col, Object v) {
    if (v == null) {
      return null;
    }
    switch (col.sqlType()) {
      case Types.NUMERIC -> {
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
          return null;
        }
        BigDecimal b = BigDecimal.valueOf(d).setScale(col.scale(), RoundingMode.HALF_UP);
        return b.precision() - b.scale() > col.precision() - col.scale() ? null : b;
      }
      case Types.INTEGER -> {
        return ((Number) v).intValue();
      }
      case Types.VARCHAR -> {
        String s = v.toString();
        return s.length() > col.precision() ? null : s;
      }
      default -> {
        return v;
      }
    }
  }

  private static void bind(PreparedStatement ps, int i, ValueColumn col, Object v) throws SQLException {
    if (v == null) {
      ps.setNull(i, col.sqlType() == Types.TIMESTAMP_WITH_TIMEZONE ? Types.TIMESTAMP_WITH_TIMEZONE : col.sqlType());
    } else if (v instanceof Instant t) {
      ps.setObject(i, java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
    } else {
      ps.setObject(i, v);
    }
  }

  /** Connection failures (08xxx) and serialisation failures or deadlocks (40001, 40P01) are worth retrying. */
  static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a vehicle_data write", e);
    }
  }

  /** Vehicle ids by VIN for the given VINs; VINs without a vehicle row are absent. */
  public static Map<String, UUID> vehicleIds(DataSource dataSource, List<String> vins) {
    Map<String, UUID> out = new java.util.TreeMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT vin, id FROM vehicle WHERE vin = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("varchar", vins.toArray()));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getObject(2, UUID.class));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read vehicle ids: " + e.getMessage(), e);
    }
    return out;
  }
}
