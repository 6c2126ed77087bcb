package com.evalue.ingestion.stellantis;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The Mobilisights poller's settings (spec: sources.md §5).
 *
 * @param baseUrl {@code ms.base_url}
 * @param authPath {@code ms.auth_path}: login is {@code POST {base}/{auth_path}/auth/login}
 * @param credentialBody the JSON body sent to the login endpoint, as configured
 * @param tokenMember the member of the login response that holds the bearer token (default {@code token})
 * @param fleetIds the fleets whose car-states export is read
 * @param period how often each fleet is exported (36 s)
 * @param maxConcurrent fleet exports in flight at most (8)
 * @param requestTimeout time to the response headers; a slower export is abandoned until the next period
 */
public record StellantisConfig(URI baseUrl, String authPath, String credentialBody, String tokenMember,
    List<String> fleetIds, Duration period, int maxConcurrent, Duration requestTimeout) {

  public StellantisConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(credentialBody, "credentialBody");
    authPath = authPath == null ? "" : authPath.replaceAll("^/+|/+$", "");
    tokenMember = tokenMember == null || tokenMember.isBlank() ? "token" : tokenMember;
    fleetIds = List.copyOf(fleetIds);
  }

  public static StellantisConfig defaults(URI baseUrl, String authPath, String credentialBody,
      List<String> fleetIds) {
    return new StellantisConfig(baseUrl, authPath, credentialBody, "token", fleetIds, Duration.ofSeconds(36), 8,
        Duration.ofSeconds(30));
  }

  URI login() {
    return URI.create(base() + (authPath.isEmpty() ? "" : "/" + authPath) + "/auth/login");
  }

  URI export(String fleetId) {
    return URI.create(base() + "/" + fleetId + "/exports/car-states.json?v=2");
  }

  private String base() {
    return baseUrl.toString().replaceAll("/+$", "");
  }
}
