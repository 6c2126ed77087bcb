package com.evalue.api.db;

import com.evalue.api.api.InLife;
import com.evalue.api.auth.AuthenticatedUser;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

  public VehicleDao(Jdbi jdbi) {
    this.jdbi = jdbi;
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

  /**
   * One round trip for GET /v1/in_life_data/{vin}: the vehicle, whether the user may access it, and its latest week
   * having any of odometer, estimated SoH or OEM SoH (api.md §5.3; the unique (vehicle_id, timestamp) index).
   */
  public Optional<InLifeRow> inLife(AuthenticatedUser user, String vin) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT v.id, v.is_eligible, v.activation_status, r.region_name, """ + Sql.accessibleFleet("v.fleet_id")
            + """
             AS accessible,
                   d."timestamp" AS week, d.odometer, d.soh_estimated, d.soh_estimated_ci_low,
                   d.soh_estimated_ci_high, d.soh_estimated_n, d.soh_method, d.soh_oem, d.soh_oem_ci_low,
                   d.soh_oem_ci_high, d.cycles, d.consumption, d.soh_comparison, d.level_1, d.level_2, d.level_3,
                   d.timestamp_last_data_collected
            FROM vehicle v
            JOIN region r ON r.id = v.region_id
            LEFT JOIN LATERAL (
              SELECT * FROM vehicle_data vd
              WHERE vd.vehicle_id = v.id
                AND (vd.odometer IS NOT NULL OR vd.soh_estimated IS NOT NULL OR vd.soh_oem IS NOT NULL)
              ORDER BY vd."timestamp" DESC LIMIT 1) d ON true
            WHERE v.vin = :vin""")
        .bind("admin", user.admin()).bind("user_id", user.id()).bind("vin", vin)
        .map((rs, ctx) -> new InLifeRow(Sql.uuid(rs, "id"), rs.getBoolean("accessible"), rs.getBoolean("is_eligible"),
            rs.getBoolean("activation_status"), Sql.date(rs, "week") == null ? null : new InLife.InLifeData(vin,
                Sql.date(rs, "week"), rs.getBigDecimal("odometer"), rs.getString("region_name"),
                rs.getBigDecimal("soh_estimated"), rs.getBigDecimal("soh_estimated_ci_low"),
                rs.getBigDecimal("soh_estimated_ci_high"), Sql.integer(rs, "soh_estimated_n"),
                rs.getString("soh_method"), rs.getBigDecimal("soh_oem"), rs.getBigDecimal("soh_oem_ci_low"),
                rs.getBigDecimal("soh_oem_ci_high"), Sql.integer(rs, "cycles"), rs.getBigDecimal("consumption"),
                rs.getBigDecimal("soh_comparison"), rs.getBigDecimal("level_1"), rs.getBigDecimal("level_2"),
                rs.getBigDecimal("level_3"), Sql.instant(rs, "timestamp_last_data_collected"))))
        .findOne());
  }
}
