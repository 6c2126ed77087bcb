package com.evalue.api.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.postgresql.jdbc.PgConnection;

/** Null-safe column readers shared by the DAOs. */
public final class Sql {
  /**
   * The fleets a user may access (api.md §3.1), as a predicate on a fleet id column: Admins access every fleet, others
   * the fleets linked by {@code user_fleet}. Binds {@code :admin} and {@code :user_id}.
   */
  public static String accessibleFleet(String fleetIdColumn) {
    return "(:admin OR " + fleetIdColumn + " IN (SELECT uf.fleet_id FROM user_fleet uf WHERE uf.user_id = :user_id))";
  }

  private Sql() {}

  /**
   * The PostgreSQL driver's own connection under a pooled one, for the statements of the metered request path: the
   * pool's statement and result-set proxies call every JDBC method by reflection, which cost more CPU than the query
   * itself. The pooled connection stays the one that is closed (returned to the pool); statements made on the driver's
   * connection must be closed before it.
   */
  public static Connection driverConnection(Connection pooled) throws SQLException {
    return pooled.isWrapperFor(PgConnection.class) ? pooled.unwrap(PgConnection.class) : pooled;
  }

  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  public static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  public static Long bigint(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  public static Boolean bool(ResultSet rs, String column) throws SQLException {
    boolean v = rs.getBoolean(column);
    return rs.wasNull() ? null : v;
  }

  public static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
    return rs.getBigDecimal(column);
  }

  public static Double dbl(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  public static LocalDate date(ResultSet rs, String column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
