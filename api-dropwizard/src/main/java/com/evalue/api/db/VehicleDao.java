package com.evalue.api.db;

import com.evalue.api.api.InLife;
import com.evalue.api.auth.AuthenticatedUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Reads of {@code vehicle} and {@code vehicle_data} for the account and in-life endpoints. */
public class VehicleDao {
  /** A vehicle as the account listing shows it, with the OEM code for its consent text. */
  public record Listed(String vin, boolean requestedSohEstimated, boolean requestedSohOem,
      boolean requestedActivation, boolean activated, String message, String comment, String oemCode) {}

  /** A vehicle's state for the in-life checks, with its latest data week (null when none). */
  public record InLifeRow(UUID vehicleId, boolean accessible, boolean eligible, boolean activated,
      InLife.InLifeData latest) {}

  private final Jdbi jdbi;
  private final DataSource dataSource;

  /** @param dataSource the pool under {@code jdbi}, for the metered request's query */
  public VehicleDao(Jdbi jdbi, DataSource dataSource) {
    this.jdbi = jdbi;
    this.dataSource = dataSource;
  }

  private static final String LISTED_WHERE = " WHERE " + Sql.accessibleFleet("v.fleet_id")
      + " AND (CAST(:fleet AS uuid) IS NULL OR v.fleet_id = CAST(:fleet AS uuid))"
      + " AND (CAST(:vin AS varchar) IS NULL OR v.vin = CAST(:vin AS varchar))";

  public long countListed(AuthenticatedUser user, UUID fleetId, String vin) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM vehicle v" + LISTED_WHERE)
        .bind("admin", user.admin()).bind("user_id", user.id())
        .bindByType("fleet", fleetId, UUID.class).bindByType("vin", vin, String.class)
        .mapTo(Long.class).one());
  }

  public List<Listed> listed(AuthenticatedUser user, UUID fleetId, String vin, int limit, long offset) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT v.vin, v.requested_soh_estimated, v.requested_soh_oem, v.activation_requested_status,
                   v.activation_status, v.activation_status_message, v.activation_comment,
                   COALESCE(mo.code, vo.code) AS oem_code
            FROM vehicle v
            LEFT JOIN make mk ON mk.id = v.make_id LEFT JOIN oem mo ON mo.id = mk.oem_id
            LEFT JOIN vehicle_model vm ON vm.id = v.vehicle_model_id LEFT JOIN oem vo ON vo.id = vm.oem_id"""
            + LISTED_WHERE + " ORDER BY v.vin LIMIT :limit OFFSET :offset")
        .bind("admin", user.admin()).bind("user_id", user.id())
        .bindByType("fleet", fleetId, UUID.class).bindByType("vin", vin, String.class)
        .bind("limit", limit).bind("offset", offset)
        .map((rs, ctx) -> new Listed(rs.getString("vin"), rs.getBoolean("requested_soh_estimated"),
            rs.getBoolean("requested_soh_oem"), rs.getBoolean("activation_requested_status"),
            rs.getBoolean("activation_status"), rs.getString("activation_status_message"),
            rs.getString("activation_comment"), rs.getString("oem_code")))
        .list());
  }

  private static final String IN_LIFE = """
      SELECT v.id, v.is_eligible, v.activation_status, r.region_name,
             (? OR EXISTS (SELECT 1 FROM user_fleet uf WHERE uf.user_id = ? AND uf.fleet_id = v.fleet_id))
               AS accessible,
             d."timestamp" AS week, d.odometer, d.soh_estimated, d.soh_estimated_ci_low, d.soh_estimated_ci_high,
             d.soh_estimated_n, d.soh_method, d.soh_oem, d.soh_oem_ci_low, d.soh_oem_ci_high, d.cycles,
             d.consumption, d.soh_comparison, d.level_1, d.level_2, d.level_3, d.timestamp_last_data_collected
      FROM vehicle v
      JOIN region r ON r.id = v.region_id
      LEFT JOIN LATERAL (
        SELECT * FROM vehicle_data vd
        WHERE vd.vehicle_id = v.id
          AND (vd.odometer IS NOT NULL OR vd.soh_estimated IS NOT NULL OR vd.soh_oem IS NOT NULL)
        ORDER BY vd."timestamp" DESC LIMIT 1) d ON true
      WHERE v.vin = ?""";

  /**
   * One round trip for GET /v1/in_life_data/{vin}: the vehicle, whether the user may access it (api.md §3: Admin, or
   * a {@code user_fleet} row, probed on its unique (user_id, fleet_id) index), and its
   * latest week having any of odometer, estimated SoH or OEM SoH (api.md §5.3; the unique (vehicle_id, timestamp)
   * index). The metered request path: plain JDBC on the driver's connection under the pooled one (see
   * {@link Sql#driverConnection}); the driver keeps the statement prepared per connection; columns read by position.
   */
  public Optional<InLifeRow> inLife(AuthenticatedUser user, String vin) {
    try (Connection pooled = dataSource.getConnection();
         PreparedStatement ps = Sql.driverConnection(pooled).prepareStatement(IN_LIFE)) {
      ps.setBoolean(1, user.admin());
      ps.setObject(2, user.id());
      ps.setString(3, vin);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        LocalDate week = rs.getObject(6, LocalDate.class);
        OffsetDateTime collected = rs.getObject(22, OffsetDateTime.class);
        InLife.InLifeData latest = week == null ? null : new InLife.InLifeData(vin, week, rs.getBigDecimal(7),
            rs.getString(4), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10), integer(rs, 11),
            rs.getString(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getBigDecimal(15), integer(rs, 16),
            rs.getBigDecimal(17), rs.getBigDecimal(18), rs.getBigDecimal(19), rs.getBigDecimal(20),
            rs.getBigDecimal(21), collected == null ? null : collected.toInstant());
        return Optional.of(new InLifeRow(rs.getObject(1, UUID.class), rs.getBoolean(5), rs.getBoolean(2),
            rs.getBoolean(3), latest));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("in-life read failed: " + e.getMessage(), e);
    }
  }

  private static Integer integer(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }
}
