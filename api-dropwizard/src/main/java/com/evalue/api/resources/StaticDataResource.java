package com.evalue.api.resources;

import com.evalue.api.api.Catalogue;
import com.evalue.api.core.ModelCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** api.md §5.4: static data of a catalogue model and its trendline. */
@Path("/static_data/models/{model_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "static_data")
public class StaticDataResource {
  private final ModelCatalogue catalogue;

  public StaticDataResource(ModelCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  @GET
  @Path("/data")
  @Operation(summary = "Catalogue specification of a model: vehicle and battery")
  public Catalogue.ModelData data(@PathParam("model_id") String modelId) {
    return catalogue.modelData(modelId);
  }

  @GET
  @Path("/trendline")
  @Operation(summary = "Degradation trendline coefficients of the model's group", tags = {"internal"})
  public Catalogue.TrendlineResponse trendline(@PathParam("model_id") String modelId) {
    return catalogue.trendline(modelId);
  }
}
