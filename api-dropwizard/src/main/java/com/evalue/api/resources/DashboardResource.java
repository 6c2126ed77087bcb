package com.evalue.api.resources;

import com.evalue.api.api.Dashboard;
import com.evalue.api.core.DashboardService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/** api.md §5.7 (internal): {@code fleet_id} is a UUID or {@code all} (the default). */
@Path("/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class DashboardResource {
  private final DashboardService dashboard;

  public DashboardResource(DashboardService dashboard) {
    this.dashboard = dashboard;
  }

  @GET
  @Path("/last_timestamp_with_data")
  @Operation(summary = "Latest week with SoH and odometer", tags = {"internal"})
  public Dashboard.LastTimestamp lastTimestamp(@QueryParam("fleet_id") String fleet,
      @Context SecurityContext security) {
    return dashboard.lastTimestamp(Principals.user(security), fleet);
  }

  @GET
  @Path("/kpis")
  @Operation(summary = "Fleet KPIs: the last 30 days of data and the 30 before", tags = {"internal"})
  public List<Dashboard.Kpi> kpis(@QueryParam("fleet_id") String fleet, @Context SecurityContext security) {
    return dashboard.kpis(Principals.user(security), fleet);
  }

  @GET
  @Path("/new_vehicles")
  @Operation(summary = "Vehicles added per month or year", tags = {"internal"})
  public List<Dashboard.NewVehicles> newVehicles(@QueryParam("fleet_id") String fleet,
      @QueryParam("period") String period, @Context SecurityContext security) {
    return dashboard.newVehicles(Principals.user(security), fleet, period);
  }

  @GET
  @Path("/table_brand")
  @Operation(summary = "Average odometer and SoH by region, make or both", tags = {"internal"})
  public List<Map<String, Object>> tableBrand(@QueryParam("fleet_id") String fleet,
      @QueryParam("filter") String filter, @Context SecurityContext security) {
    return dashboard.tableBrand(Principals.user(security), fleet, filter);
  }

  @GET
  @Path("/search/{vin_fragment}")
  @Operation(summary = "VINs containing a fragment (at least 3 characters)", tags = {"internal"})
  public List<Dashboard.SearchHit> search(@PathParam("vin_fragment") String fragment,
      @Context SecurityContext security) {
    return dashboard.search(Principals.user(security), fragment);
  }

  @GET
  @Path("/soh_by_groups")
  @Operation(summary = "Vehicles of one SoH or mileage band, 20 per page", tags = {"internal"})
  public Dashboard.GroupPage sohByGroups(@QueryParam("fleet_id") String fleet, @QueryParam("group") String group,
      @QueryParam("page") String page, @Context SecurityContext security) {
    return dashboard.sohByGroups(Principals.user(security), fleet, group, page);
  }

  @GET
  @Path("/extremum_vehicles")
  @Operation(summary = "Worst or best vehicles by SoH comparison, sortable", tags = {"internal"})
  public Dashboard.ExtremumPage extremum(@QueryParam("fleet_id") String fleet, @QueryParam("brand") String brand,
      @QueryParam("page") String page, @QueryParam("page_size") String pageSize,
      @QueryParam("extremum") String extremum, @QueryParam("sorting_column") String sortingColumn,
      @QueryParam("sorting_order") String sortingOrder, @Context SecurityContext security) {
    return dashboard.extremum(Principals.user(security), fleet, brand, page, pageSize, extremum, sortingColumn,
        sortingOrder);
  }
}
