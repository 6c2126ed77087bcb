package com.evalue.api.resources;

import com.evalue.api.health.HealthProbe;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /v1/health (api.md §1.4), no authentication. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "health")
public class HealthResource {
  private final HealthProbe probe;

  public HealthResource(HealthProbe probe) {
    this.probe = probe;
  }

  @GET
  @SecurityRequirements
  @Operation(summary = "Service health: 200 healthy, or 503 with the failing checks")
  public Response health() {
    HealthProbe.Status status = probe.status();
    if (status.healthy()) {
      return Response.ok(Map.of("status", "healthy")).build();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "unhealthy");
    body.put("checks", Map.of("postgres", status.postgres(), "redis", status.redis()));
    return Response.status(503).entity(body).build();
  }
}
