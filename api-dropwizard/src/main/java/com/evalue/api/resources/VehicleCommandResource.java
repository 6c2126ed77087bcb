package com.evalue.api.resources;

import com.evalue.api.api.Catalogue;
import com.evalue.api.api.VehicleCommand;
import com.evalue.api.core.ActivationOrders;
import com.evalue.api.core.ModelCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * api.md §5.2: the catalogue a customer orders from, and the orders (stored here; the activation job acts on them).
 * Order bodies are validated by the service, after the fleet check: a foreign fleet is 403 before any 422.
 */
@Path("/vehicle-command")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vehicle-command")
public class VehicleCommandResource {
  private final ModelCatalogue catalogue;
  private final ActivationOrders orders;

  public VehicleCommandResource(ModelCatalogue catalogue, ActivationOrders orders) {
    this.catalogue = catalogue;
    this.orders = orders;
  }

  @GET
  @Path("/makes")
  @Operation(summary = "Supported makes and what they offer", tags = {"internal"})
  public Catalogue.MakesResponse makes() {
    return catalogue.makes();
  }

  @GET
  @Path("/{make_id}/models")
  @Operation(summary = "Catalogue models of a make", tags = {"internal"})
  public Catalogue.ModelsResponse models(@PathParam("make_id") String makeId) {
    return catalogue.models(makeId);
  }

  @GET
  @Path("/eligible-models")
  @Operation(summary = "Models with a make and a battery, and which SoH they offer")
  public List<Catalogue.EligibleModel> eligibleModels(@QueryParam("has_flash_soh") String hasFlash,
      @QueryParam("has_oem_soh") String hasOem, @QueryParam("has_estimated_soh") String hasEstimated) {
    return catalogue.eligibleModels(hasFlash, hasOem, hasEstimated);
  }

  @POST
  @Path("/order-soh-report")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Order SoH for vehicles: activation requested with the standard window")
  public VehicleCommand.Results orderSohReport(VehicleCommand.OrderRequest request,
      @Context SecurityContext security) {
    return orders.order(Principals.user(security), request, ActivationOrders.Kind.ORDER_SOH_REPORT);
  }

  @POST
  @Path("/activate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Request activation with the dates given", tags = {"internal"})
  public VehicleCommand.Results activate(VehicleCommand.OrderRequest request, @Context SecurityContext security) {
    return orders.order(Principals.user(security), request, ActivationOrders.Kind.ACTIVATE);
  }

  @POST
  @Path("/deactivate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Request deactivation of vehicles of a fleet", tags = {"internal"})
  public VehicleCommand.Results deactivate(VehicleCommand.DeactivateRequest request,
      @Context SecurityContext security) {
    return orders.deactivate(Principals.user(security), request);
  }
}
