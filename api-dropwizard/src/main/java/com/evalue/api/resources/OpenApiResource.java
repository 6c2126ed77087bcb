package com.evalue.api.resources;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /v1/openapi.json (api.md §1.3): the OpenAPI 3 document generated from the resources. Operations tagged
 * {@code internal} serve our own web UI and are left out of the public document; {@code ?internal=true} gives every
 * route (what the Swagger UI shows by default).
 */
@Path("/openapi.json")
@PermitAll
@Hidden
public class OpenApiResource {
  public static final String INTERNAL = "internal";
  private static final Set<String> OPEN_PREFIXES = Set.of("/auth/", "/health");

  private final Set<Class<?>> resourceClasses = new LinkedHashSet<>();
  private volatile String full;
  private volatile String publicOnly;

  public OpenApiResource(List<Object> resources) {
    resources.forEach(r -> resourceClasses.add(r.getClass()));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String document(@QueryParam("internal") String internal) {
    if (full == null) {
      build();
    }
    return "true".equalsIgnoreCase(internal) ? full : publicOnly;
  }

  private synchronized void build() {
    if (full != null) {
      return;
    }
    OpenAPI base = new OpenAPI()
        .info(new Info().title("EValue API").version("1")
            .description("Battery State of Health of electric vehicles. Authenticate with POST /auth/token "
                + "(an API key or email and password), then send the access token as `Authorization: Bearer`. "
                + "Metered endpoints carry X-RateLimit-* headers and answer 429 beyond the plan's daily limits."))
        .servers(List.of(new Server().url("/v1")))
        .components(new Components().addSecuritySchemes("bearer",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
    SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).prettyPrint(false);
    Reader reader = new Reader(config);
    OpenAPI api = reader.read(resourceClasses);
    api.getPaths().forEach((path, item) -> {
      if (OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
        item.readOperations().forEach(op -> op.setSecurity(List.of()));
      }
    });
    try {
      String fullJson = Json.mapper().writeValueAsString(api);
      OpenAPI pub = Json.mapper().readValue(fullJson, OpenAPI.class);
      pub.getPaths().entrySet().removeIf(e -> removeInternal(e.getValue()));
      if (pub.getTags() != null) {
        pub.getTags().removeIf(t -> INTERNAL.equals(t.getName()));
      }
      publicOnly = Json.mapper().writeValueAsString(pub);
      full = fullJson;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot render the OpenAPI document", e);
    }
  }

  /** Drops the item's internal operations; true when none is left. */
  private static boolean removeInternal(PathItem item) {
    for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
      List<String> tags = op.getValue().getTags();
      if (tags != null && tags.contains(INTERNAL)) {
        item.operation(op.getKey(), null);
      }
    }
    return item.readOperations().isEmpty();
  }
}
