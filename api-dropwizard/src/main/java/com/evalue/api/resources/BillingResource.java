package com.evalue.api.resources;

import com.evalue.api.api.Billing;
import com.evalue.api.core.BillingService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** api.md §5.6 (internal). */
@Path("/billing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class BillingResource {
  private final BillingService billing;

  public BillingResource(BillingService billing) {
    this.billing = billing;
  }

  @GET
  @Path("/usage")
  @Operation(summary = "Today's usage against the caller's plan", tags = {"internal"})
  public Billing.Usage usage(@Context SecurityContext security) {
    return billing.usage(Principals.user(security));
  }

  @GET
  @Path("/info")
  @Operation(summary = "The caller's plan and what is not yet invoiced", tags = {"internal"})
  public Billing.Info info(@Context SecurityContext security) {
    return billing.info(Principals.user(security));
  }
}
