package com.evalue.api.db;

import com.evalue.api.api.Dashboard;
import com.evalue.api.auth.AuthenticatedUser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The dashboard aggregates (api.md §5.7) over the vehicles of the accessible fleets (optionally one fleet).
 * "SoH" of a row is {@code soh_estimated}, or {@code soh_oem} for a vehicle that has no estimated SoH in any week; the
 * "latest row" of a vehicle is its row with the greatest {@code timestamp}. Only constant SQL is ever concatenated:
 * user input is bound, and sort columns come from a fixed map.
 */
public class DashboardDao {
  private static final String SCOPE = """
      WITH veh AS (
        SELECT v.* FROM vehicle v
        WHERE """ + Sql.accessibleFleet("v.fleet_id") + """

          AND (CAST(:fleet AS uuid) IS NULL OR v.fleet_id = CAST(:fleet AS uuid))
      ),
      est AS (
        SELECT DISTINCT d.vehicle_id FROM vehicle_data d JOIN veh ON veh.id = d.vehicle_id
        WHERE d.soh_estimated IS NOT NULL
      ),
      data AS (
        SELECT d.*, CASE WHEN est.vehicle_id IS NOT NULL THEN d.soh_estimated ELSE d.soh_oem END AS soh
        FROM vehicle_data d JOIN veh ON veh.id = d.vehicle_id LEFT JOIN est ON est.vehicle_id = d.vehicle_id
      ),
      latest AS (
        SELECT DISTINCT ON (vehicle_id) * FROM data ORDER BY vehicle_id, "timestamp" DESC
      )
      """;
  private static final String OEM_JOIN = """
       LEFT JOIN vehicle_model vm ON vm.id = veh.vehicle_model_id
       LEFT JOIN make mk ON mk.id = veh.make_id
       LEFT JOIN oem o ON o.id = COALESCE(mk.oem_id, vm.oem_id)
      """;

  /** Sortable fields of extremum_vehicles → their column (api.md: never interpolated from the request). */
  public static final Map<String, String> EXTREMUM_COLUMNS = Map.ofEntries(
      Map.entry("vin", "vin"), Map.entry("soh_pct", "soh_pct"), Map.entry("soh_oem_pct", "soh_oem_pct"),
      Map.entry("odometer", "odometer"), Map.entry("oem_name", "oem_name"),
      Map.entry("years_remaining", "years_remaining"), Map.entry("score", "score"),
      Map.entry("fast_charge_ratio", "fast_charge_ratio"), Map.entry("consumption", "consumption"),
      Map.entry("soh_comparison", "soh_comparison"));

  /** A SoH (percent) or odometer (km) interval (min, max]; null = open. */
  public record Interval(boolean soh, BigDecimal min, BigDecimal max) {}

  private final Jdbi jdbi;

  public DashboardDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private static Query scoped(Handle h, String sql, AuthenticatedUser user, UUID fleetId) {
    return h.createQuery(SCOPE + sql).bind("admin", user.admin()).bind("user_id", user.id())
        .bindByType("fleet", fleetId, UUID.class);
  }

  public Optional<LocalDate> lastTimestamp(AuthenticatedUser user, UUID fleetId) {
    return jdbi.withHandle(h -> scoped(h,
            "SELECT max(\"timestamp\") AS t FROM data WHERE soh IS NOT NULL AND odometer IS NOT NULL", user, fleetId)
        .map((rs, ctx) -> Sql.date(rs, "t")).findOne().flatMap(Optional::ofNullable));
  }

  /** KPIs over each vehicle's latest data row in ({@code from}, {@code to}]. */
  public Dashboard.Kpi kpi(AuthenticatedUser user, UUID fleetId, LocalDate from, LocalDate to) {
    return jdbi.withHandle(h -> scoped(h, """
            , win AS (
              SELECT DISTINCT ON (vehicle_id) * FROM data
              WHERE "timestamp" > :from AND "timestamp" <= :to AND (soh IS NOT NULL OR odometer IS NOT NULL)
              ORDER BY vehicle_id, "timestamp" DESC)
            SELECT count(*) AS n, count(*) FILTER (WHERE veh.is_pinned) AS pinned, avg(win.odometer) AS odo,
                   avg(win.soh) AS soh
            FROM win JOIN veh ON veh.id = win.vehicle_id""", user, fleetId)
        .bind("from", from).bind("to", to)
        .map((rs, ctx) -> new Dashboard.Kpi(from, to, round(rs.getBigDecimal("odo"), 1),
            pct(rs.getBigDecimal("soh")), rs.getLong("n"), rs.getLong("pinned")))
        .one());
  }

  /** Vehicles created per month ({@code date_trunc} unit 'month') or year, since {@code since}. */
  public Map<LocalDate, Long> createdPer(AuthenticatedUser user, UUID fleetId, boolean monthly, LocalDate since) {
    String unit = monthly ? "'month'" : "'year'";
    return jdbi.withHandle(h -> {
      Map<LocalDate, Long> counts = new LinkedHashMap<>();
      scoped(h, "SELECT CAST(date_trunc(" + unit + ", veh.created_at AT TIME ZONE 'UTC') AS date) AS p, count(*) AS n"
              + " FROM veh WHERE veh.created_at >= CAST(:since AS date) GROUP BY 1 ORDER BY 1", user, fleetId)
          .bind("since", since)
          .map((rs, ctx) -> Map.entry(Sql.date(rs, "p"), rs.getLong("n")))
          .forEach(e -> counts.put(e.getKey(), e.getValue()));
      return counts;
    });
  }

  /** Averages of each vehicle's latest row, grouped by region, OEM, or both (activated vehicles only). */
  public List<Map<String, Object>> tableBrand(AuthenticatedUser user, UUID fleetId, String filter) {
    boolean region = !filter.equals("make");
    boolean make = !filter.equals("region");
    String select = (region ? "r.region_name, " : "") + (make ? "o.oem_name, " : "");
    String group = region && make ? "r.region_name, o.oem_name" : region ? "r.region_name" : "o.oem_name";
    String where = filter.equals("make_region") ? " WHERE veh.activation_status" : "";
    return jdbi.withHandle(h -> scoped(h, "SELECT " + select
            + "avg(latest.odometer) AS odo, avg(latest.soh) AS soh, count(*) AS n FROM veh"
            + " LEFT JOIN latest ON latest.vehicle_id = veh.id JOIN region r ON r.id = veh.region_id" + OEM_JOIN
            + where + " GROUP BY " + group + " ORDER BY " + group, user, fleetId)
        .map((rs, ctx) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          if (region) {
            row.put("region", rs.getString("region_name"));
          }
          if (make) {
            row.put("oem_name", rs.getString("oem_name"));
          }
          row.put("avg_odometer", round(rs.getBigDecimal("odo"), 1));
          row.put("avg_soh_pct", pct(rs.getBigDecimal("soh")));
          row.put("vehicle_count", rs.getLong("n"));
          return row;
        })
        .list());
  }

  public List<Dashboard.SearchHit> search(AuthenticatedUser user, String fragment) {
    return jdbi.withHandle(h -> scoped(h,
            "SELECT veh.vin, veh.fleet_id FROM veh WHERE strpos(veh.vin, upper(:fragment)) > 0"
                + " ORDER BY veh.vin LIMIT 10", user, null)
        .bind("fragment", fragment)
        .map((rs, ctx) -> new Dashboard.SearchHit(rs.getString("vin"), Sql.uuid(rs, "fleet_id")))
        .list());
  }

  private static final String GROUP_FILTER = " FROM latest JOIN veh ON veh.id = latest.vehicle_id" + OEM_JOIN + """
       WHERE (CASE WHEN :soh THEN latest.soh * 100 ELSE latest.odometer END) IS NOT NULL
        AND (CAST(:min AS numeric) IS NULL
             OR (CASE WHEN :soh THEN latest.soh * 100 ELSE latest.odometer END) > CAST(:min AS numeric))
        AND (CAST(:max AS numeric) IS NULL
             OR (CASE WHEN :soh THEN latest.soh * 100 ELSE latest.odometer END) <= CAST(:max AS numeric))
      """;

  public long countGroup(AuthenticatedUser user, UUID fleetId, Interval interval) {
    return jdbi.withHandle(h -> bind(scoped(h, "SELECT count(*)" + GROUP_FILTER, user, fleetId), interval)
        .mapTo(Long.class).one());
  }

  public List<Dashboard.GroupVehicle> group(AuthenticatedUser user, UUID fleetId, Interval interval, int limit,
      long offset) {
    String order = interval.soh() ? " ORDER BY latest.soh DESC, veh.vin" : " ORDER BY latest.odometer, veh.vin";
    return jdbi.withHandle(h -> bind(scoped(h, "SELECT veh.vin, latest.soh, latest.odometer, o.oem_name"
            + GROUP_FILTER + order + " LIMIT :limit OFFSET :offset", user, fleetId), interval)
        .bind("limit", limit).bind("offset", offset)
        .map((rs, ctx) -> new Dashboard.GroupVehicle(rs.getString("vin"), pct(rs.getBigDecimal("soh")),
            rs.getBigDecimal("odometer"), rs.getString("oem_name")))
        .list());
  }

  private static Query bind(Query q, Interval interval) {
    return q.bind("soh", interval.soh()).bindByType("min", interval.min(), BigDecimal.class)
        .bindByType("max", interval.max(), BigDecimal.class);
  }

  private static final String EXTREMUM = """
      , cmp AS (
        SELECT DISTINCT ON (vehicle_id) * FROM data WHERE soh_comparison IS NOT NULL
        ORDER BY vehicle_id, "timestamp" DESC),
      listed AS (
        SELECT veh.vin, round(cmp.soh * 100, 1) AS soh_pct, round(cmp.soh_oem * 100, 1) AS soh_oem_pct,
               cmp.odometer, o.id AS oem_id, o.oem_name,
               CASE WHEN veh.start_date IS NULL THEN NULL ELSE round(CAST(
                 (CAST(veh.start_date + make_interval(years => COALESCE(vm.warranty_date, 8)) AS date)
                  - CAST(:today AS date)) AS numeric) / 365.25, 1) END AS years_remaining,
               CAST(veh.health_score AS varchar) AS score,
               CASE WHEN COALESCE(cmp.level_1, 0) + COALESCE(cmp.level_2, 0) + COALESCE(cmp.level_3, 0) = 0
                    THEN NULL
                    ELSE round(COALESCE(cmp.level_3, 0)
                         / (COALESCE(cmp.level_1, 0) + COALESCE(cmp.level_2, 0) + COALESCE(cmp.level_3, 0)), 3)
               END AS fast_charge_ratio,
               cmp.consumption, cmp.soh_comparison
        FROM cmp JOIN veh ON veh.id = cmp.vehicle_id""" + OEM_JOIN + """
      )
      """;

  /** Vehicles with a soh_comparison, one page, sorted by a column of {@link #EXTREMUM_COLUMNS}. */
  public Dashboard.ExtremumPage extremum(AuthenticatedUser user, UUID fleetId, UUID brand, String sortField,
      boolean ascending, int page, int pageSize, LocalDate today) {
    String column = EXTREMUM_COLUMNS.get(sortField);
    if (column == null) {
      throw new IllegalArgumentException("not a sortable column: " + sortField);
    }
    String order = " ORDER BY " + column + (ascending ? " ASC" : " DESC") + " NULLS LAST, vin";
    String filter = " WHERE (CAST(:brand AS uuid) IS NULL OR oem_id = CAST(:brand AS uuid))";
    return jdbi.withHandle(h -> {
      long total = scoped(h, EXTREMUM + "SELECT count(*) FROM listed" + filter, user, fleetId)
          .bind("today", today).bindByType("brand", brand, UUID.class).mapTo(Long.class).one();
      List<Dashboard.ExtremumVehicle> vehicles = scoped(h, EXTREMUM + "SELECT * FROM listed" + filter + order
              + " LIMIT :limit OFFSET :offset", user, fleetId)
          .bind("today", today).bindByType("brand", brand, UUID.class)
          .bind("limit", pageSize).bind("offset", (long) (page - 1) * pageSize)
          .map((rs, ctx) -> new Dashboard.ExtremumVehicle(rs.getString("vin"), rs.getBigDecimal("soh_pct"),
              rs.getBigDecimal("soh_oem_pct"), rs.getBigDecimal("odometer"), rs.getString("oem_name"),
              rs.getBigDecimal("years_remaining"), rs.getString("score"), rs.getBigDecimal("fast_charge_ratio"),
              rs.getBigDecimal("consumption"), rs.getBigDecimal("soh_comparison")))
          .list();
      List<Dashboard.Brand> brands = scoped(h, EXTREMUM
              + "SELECT DISTINCT oem_id, oem_name FROM listed WHERE oem_id IS NOT NULL ORDER BY oem_name", user,
              fleetId)
          .bind("today", today)
          .map((rs, ctx) -> new Dashboard.Brand(Sql.uuid(rs, "oem_id"), rs.getString("oem_name")))
          .list();
      long pages = (total + pageSize - 1) / pageSize;
      return new Dashboard.ExtremumPage(vehicles, brands,
          new Dashboard.ExtremumPagination(total, pages, page < pages, page > 1, page, pageSize));
    });
  }

  private static BigDecimal pct(BigDecimal fraction) {
    return fraction == null ? null : fraction.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
  }

  private static BigDecimal round(BigDecimal v, int scale) {
    return v == null ? null : v.setScale(scale, RoundingMode.HALF_UP);
  }
}
