package com.evalue.api.core;

import com.evalue.api.api.Dashboard;
import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.db.DashboardDao;
import com.evalue.api.errors.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The web UI's dashboard (api.md §5.7): parameter rules here, aggregates in {@link DashboardDao}. */
public class DashboardService {
  static final int GROUP_PAGE_SIZE = 20;
  private static final Map<String, DashboardDao.Interval> GROUPS = Map.ofEntries(
      Map.entry("100-95%", soh(95, null)), Map.entry("95-90%", soh(90, 95)), Map.entry("90-85%", soh(85, 90)),
      Map.entry("85-80%", soh(80, 85)), Map.entry("<80%", soh(null, 80)),
      Map.entry("0-20k", km(null, 20_000)), Map.entry("20k-40k", km(20_000, 40_000)),
      Map.entry("40k-60k", km(40_000, 60_000)), Map.entry("60k-80k", km(60_000, 80_000)),
      Map.entry("80k-100k", km(80_000, 100_000)), Map.entry(">100k", km(100_000, null)));

  private final DashboardDao dao;
  private final FleetAccess access;
  private final Clock clock;

  public DashboardService(DashboardDao dao, FleetAccess access, Clock clock) {
    this.dao = dao;
    this.access = access;
    this.clock = clock;
  }

  public Dashboard.LastTimestamp lastTimestamp(AuthenticatedUser user, String fleet) {
    return new Dashboard.LastTimestamp(dao.lastTimestamp(user, fleet(user, fleet)).orElse(null));
  }

  /** [current, previous?]: the 30 days up to the last data timestamp, and the 30 before. */
  public List<Dashboard.Kpi> kpis(AuthenticatedUser user, String fleetParam) {
    UUID fleet = fleet(user, fleetParam);
    Optional<LocalDate> last = dao.lastTimestamp(user, fleet);
    List<Dashboard.Kpi> out = new ArrayList<>();
    if (last.isEmpty()) {
      return out;
    }
    out.add(dao.kpi(user, fleet, last.get().minusDays(30), last.get()));
    Dashboard.Kpi previous = dao.kpi(user, fleet, last.get().minusDays(60), last.get().minusDays(30));
    if (previous.vehicleCount() > 0) {
      out.add(previous);
    }
    return out;
  }

  /** Vehicle counts by creation month (or year) for the last 4 periods, oldest first, zeros included. */
  public List<Dashboard.NewVehicles> newVehicles(AuthenticatedUser user, String fleetParam, String period) {
    UUID fleet = fleet(user, fleetParam);
    boolean monthly;
    if (period == null || period.isBlank() || period.equals("monthly")) {
      monthly = true;
    } else if (period.equals("annually")) {
      monthly = false;
    } else {
      throw ApiException.invalid("period", "must be monthly or annually");
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate current = monthly ? today.withDayOfMonth(1) : today.withDayOfYear(1);
    LocalDate first = monthly ? current.minusMonths(3) : current.minusYears(3);
    Map<LocalDate, Long> counts = dao.createdPer(user, fleet, monthly, first);
    List<Dashboard.NewVehicles> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      LocalDate p = monthly ? first.plusMonths(i) : first.plusYears(i);
      String label = monthly ? p.toString().substring(0, 7) : Integer.toString(p.getYear());
      out.add(new Dashboard.NewVehicles(label, counts.getOrDefault(p, 0L)));
    }
    return out;
  }

  public List<Map<String, Object>> tableBrand(AuthenticatedUser user, String fleetParam, String filter) {
    UUID fleet = fleet(user, fleetParam);
    String f = filter == null || filter.isBlank() ? "make" : filter;
    if (!List.of("region", "make", "make_region").contains(f)) {
      throw ApiException.invalid("filter", "must be region, make or make_region");
    }
    return dao.tableBrand(user, fleet, f);
  }

  public List<Dashboard.SearchHit> search(AuthenticatedUser user, String fragment) {
    String f = fragment == null ? "" : fragment.trim();
    if (f.length() < 3) {
      throw ApiException.invalid("vin_fragment", "must have at least 3 characters");
    }
    if (f.length() > 17) {
      return List.of();
    }
    return dao.search(user, f);
  }

  public Dashboard.GroupPage sohByGroups(AuthenticatedUser user, String fleetParam, String group, String pageParam) {
    UUID fleet = fleet(user, fleetParam);
    DashboardDao.Interval interval = group == null ? null : GROUPS.get(group.trim());
    if (interval == null) {
      throw ApiException.invalid("group", "must be one of " + String.join(", ", List.of("100-95%", "95-90%",
          "90-85%", "85-80%", "<80%", "0-20k", "20k-40k", "40k-60k", "60k-80k", "80k-100k", ">100k")));
    }
    int page = Params.integer("page", pageParam, 1, 1, 1_000_000);
    long total = dao.countGroup(user, fleet, interval);
    List<Dashboard.GroupVehicle> rows = dao.group(user, fleet, interval, GROUP_PAGE_SIZE,
        (long) (page - 1) * GROUP_PAGE_SIZE);
    return new Dashboard.GroupPage(rows,
        new Dashboard.GroupPagination(page, (total + GROUP_PAGE_SIZE - 1) / GROUP_PAGE_SIZE, total));
  }

  public Dashboard.ExtremumPage extremum(AuthenticatedUser user, String fleetParam, String brandParam,
      String pageParam, String pageSizeParam, String extremumParam, String sortColumn, String sortOrder) {
    UUID fleet = fleet(user, fleetParam);
    UUID brand = brandParam == null || brandParam.isBlank() ? null : Params.uuid("brand", brandParam);
    int page = Params.integer("page", pageParam, 1, 1, 1_000_000);
    int pageSize = Params.integer("page_size", pageSizeParam, 10, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (pageSize < 1 || pageSize > 100) {
      pageSize = 10;
    }
    String extremum = extremumParam == null || extremumParam.isBlank() ? "Worst" : extremumParam;
    if (!extremum.equals("Worst") && !extremum.equals("Best")) {
      throw ApiException.invalid("extremum", "must be Worst or Best");
    }
    String column = sortColumn == null || sortColumn.isBlank() ? "soh_comparison" : sortColumn;
    if (!DashboardDao.EXTREMUM_COLUMNS.containsKey(column)) {
      throw ApiException.invalid("sorting_column", "must be one of " + String.join(", ",
          DashboardDao.EXTREMUM_COLUMNS.keySet().stream().sorted().toList()));
    }
    boolean ascending;
    if (sortOrder == null || sortOrder.isBlank()) {
      ascending = extremum.equals("Worst");
    } else if (sortOrder.equals("asc") || sortOrder.equals("desc")) {
      ascending = sortOrder.equals("asc");
    } else {
      throw ApiException.invalid("sorting_order", "must be asc or desc");
    }
    return dao.extremum(user, fleet, brand, column, ascending, page, pageSize,
        LocalDate.now(clock.withZone(ZoneOffset.UTC)));
  }

  private UUID fleet(AuthenticatedUser user, String fleetParam) {
    return access.filter(user, fleetParam).orElse(null);
  }

  private static DashboardDao.Interval soh(Integer min, Integer max) {
    return new DashboardDao.Interval(true, min == null ? null : BigDecimal.valueOf(min),
        max == null ? null : BigDecimal.valueOf(max));
  }

  private static DashboardDao.Interval km(Integer min, Integer max) {
    return new DashboardDao.Interval(false, min == null ? null : BigDecimal.valueOf(min),
        max == null ? null : BigDecimal.valueOf(max));
  }
}
