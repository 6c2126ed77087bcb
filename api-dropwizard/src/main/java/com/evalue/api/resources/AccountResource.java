package com.evalue.api.resources;

import com.evalue.api.api.Account;
import com.evalue.api.core.AccountService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** api.md §5.1 */
@Path("/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "account")
public class AccountResource {
  private final AccountService service;

  public AccountResource(AccountService service) {
    this.service = service;
  }

  @GET
  @Path("/fleets")
  @Operation(summary = "The fleets the caller may access")
  public Account.FleetsResponse fleets(@Context SecurityContext security) {
    return service.fleets(Principals.user(security));
  }

  @GET
  @Path("/vehicles")
  @Operation(summary = "Vehicles of the accessible fleets with their activation state")
  public Account.VehiclesResponse vehicles(@QueryParam("fleet_id") String fleetId, @QueryParam("vin") String vin,
      @QueryParam("page") String page, @QueryParam("page_size") String pageSize,
      @Context SecurityContext security) {
    return service.vehicles(Principals.user(security), fleetId, vin, page, pageSize);
  }
}
