package com.evalue.api.resources;

import com.evalue.api.api.InLife;
import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.core.InLifeService;
import com.evalue.api.http.Metered;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** api.md §5.3 */
@Path("/in_life_data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "in_life_data")
public class InLifeDataResource {
  private final InLifeService service;

  public InLifeDataResource(InLifeService service) {
    this.service = service;
  }

  @GET
  @Path("/{vin}")
  @Metered(label = "in_life_data", vinParam = "vin")
  @Operation(summary = "Latest weekly battery health of a vehicle (metered)")
  public InLife.InLifeData latest(@PathParam("vin") String vin, @Context SecurityContext security) {
    return service.latest(Principals.user(security), vin);
  }

  @GET
  @Path("/check-eligibility/{vin}")
  @Operation(summary = "Whether a vehicle exists, is eligible and is activated (not metered)")
  public InLife.Eligibility eligibility(@PathParam("vin") String vin, @Context SecurityContext security) {
    return service.eligibility(Principals.user(security), vin);
  }
}
