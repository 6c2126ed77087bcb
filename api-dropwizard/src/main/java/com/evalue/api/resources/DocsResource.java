package com.evalue.api.resources;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Pattern;

/** GET /v1/docs (api.md §1.3): Swagger UI, from the swagger-ui webjar, over the OpenAPI document. */
@Path("/docs")
@PermitAll
@Hidden
public class DocsResource {
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,80}");

  private final String root;
  private final String version;

  public DocsResource(String rootPath) {
    this.root = rootPath;
    this.version = webjarVersion();
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public String page() {
    String all = "All routes (public and internal)";
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>EValue API</title>
          <link rel="stylesheet" href="%1$s/docs/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%1$s/docs/swagger-ui-bundle.js"></script>
          <script src="%1$s/docs/swagger-ui-standalone-preset.js"></script>
          <script>
            window.ui = SwaggerUIBundle({
              urls: [{url: "%1$s/openapi.json?internal=true", name: "%2$s"},
                     {url: "%1$s/openapi.json", name: "Public API"}],
              "urls.primaryName": "%2$s",
              dom_id: "#swagger-ui",
              presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
              layout: "StandaloneLayout"
            });
          </script>
        </body>
        </html>
        """.formatted(root, all);
  }

  @GET
  @Path("/{file}")
  public Response asset(@PathParam("file") String file) {
    if (!FILE.matcher(file).matches() || file.contains("..")) {
      return Response.status(404).build();
    }
    InputStream in = getClass().getClassLoader().getResourceAsStream(WEBJAR + version + "/" + file);
    if (in == null) {
      return Response.status(404).build();
    }
    CacheControl cache = new CacheControl();
    cache.setMaxAge(86_400);
    return Response.ok(in, type(file)).cacheControl(cache).build();
  }

  private static String type(String file) {
    if (file.endsWith(".js")) {
      return "application/javascript";
    }
    if (file.endsWith(".css")) {
      return "text/css";
    }
    if (file.endsWith(".png")) {
      return "image/png";
    }
    if (file.endsWith(".html")) {
      return MediaType.TEXT_HTML;
    }
    if (file.endsWith(".map") || file.endsWith(".json")) {
      return MediaType.APPLICATION_JSON;
    }
    return MediaType.APPLICATION_OCTET_STREAM;
  }

  private static String webjarVersion() {
    try (InputStream in = DocsResource.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("swagger-ui webjar missing from the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
