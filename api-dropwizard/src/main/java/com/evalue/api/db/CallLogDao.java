package com.evalue.api.db;

import com.evalue.api.core.CallLogEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** {@code api_call_log} writes (one JDBC batch per flush) and the per-user reads of the billing endpoints. */
public class CallLogDao {
  private static final String INSERT = """
      INSERT INTO api_call_log (user_id, api_user_id, vin, endpoint, "timestamp", response_time_ms, status_code,
                                is_billable, metering_degraded)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  /** Today's admitted calls and their distinct VINs, from the call log (when Redis is down). */
  public record DayCounts(long requests, long distinctVins) {}

  private final DataSource dataSource;

  public CallLogDao(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Inserts the rows in one transaction; all or none. */
  public void insert(List<CallLogEntry> rows) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = Sql.driverConnection(c).prepareStatement(INSERT)) {
        for (CallLogEntry e : rows) {
          ps.setObject(1, e.userId());
          ps.setObject(2, e.apiUserId(), Types.OTHER);
          ps.setString(3, e.vin());
          ps.setString(4, e.endpoint());
          ps.setTimestamp(5, Timestamp.from(e.timestamp()));
          ps.setInt(6, e.responseTimeMs());
          ps.setShort(7, (short) e.statusCode());
          ps.setBoolean(8, e.billable());
          ps.setBoolean(9, e.meteringDegraded());
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw ex;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  /** Billable calls not yet invoiced (api.md §5.6 {@code unbilled_calls}). */
  public long unbilled(UUID userId) throws SQLException {
    return count("SELECT count(*) FROM api_call_log WHERE user_id = ? AND is_billable AND NOT is_billed", userId,
        null, null);
  }

  /**
   * Calls admitted today (everything except the refusals: 429 and the fail-closed 503), and their distinct VINs.
   */
  public DayCounts admittedBetween(UUID userId, Instant from, Instant to) throws SQLException {
    String sql = """
        SELECT count(*), count(DISTINCT vin) FROM api_call_log
        WHERE user_id = ? AND "timestamp" >= ? AND "timestamp" < ?
          AND status_code <> 429 AND NOT (status_code = 503 AND NOT metering_degraded)""";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, userId);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      try (var rs = ps.executeQuery()) {
        rs.next();
        return new DayCounts(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  private long count(String sql, UUID userId, Instant from, Instant to) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, userId);
      if (from != null) {
        ps.setTimestamp(2, Timestamp.from(from));
        ps.setTimestamp(3, Timestamp.from(to));
      }
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
