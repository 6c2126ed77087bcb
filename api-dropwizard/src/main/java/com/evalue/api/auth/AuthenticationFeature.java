package com.evalue.api.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/**
 * Closed by default: every resource method requires authentication unless it (or its class) is marked
 * {@link PermitAll} — health, documentation, token exchange, login, refresh and logout.
 */
public class AuthenticationFeature implements DynamicFeature {
  private final AuthenticationFilter filter;

  public AuthenticationFeature(AuthenticationFilter filter) {
    this.filter = filter;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    boolean open = resource.getResourceMethod().isAnnotationPresent(PermitAll.class)
        || resource.getResourceClass().isAnnotationPresent(PermitAll.class);
    if (!open) {
      context.register(filter, Priorities.AUTHENTICATION);
    }
  }
}
