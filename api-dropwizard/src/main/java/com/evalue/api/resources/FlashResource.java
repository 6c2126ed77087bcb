package com.evalue.api.resources;

import com.evalue.api.api.Catalogue;
import com.evalue.api.core.ModelCatalogue;
import com.evalue.api.http.Metered;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** api.md §5.4: flash SoH of a model at a mileage (metered, counts no VIN). */
@Path("/flash/{model_id}/soh")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "flash")
public class FlashResource {
  private final ModelCatalogue catalogue;

  public FlashResource(ModelCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GET
  @Metered(label = "flash_soh")
  @Operation(summary = "Expected SoH of a model at an odometer, with the band (metered)")
  public Catalogue.FlashSoh soh(@PathParam("model_id") String modelId, @QueryParam("odometer") String odometer) {
    return catalogue.flash(modelId, odometer);
  }
}
