package com.evalue.api.resources;

import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.errors.ApiException;
import jakarta.ws.rs.core.SecurityContext;

/** The authenticated caller of a resource method (set by the authentication filter). */
final class Principals {
  private Principals() {}

  static AuthenticatedUser user(SecurityContext security) {
    if (security != null && security.getUserPrincipal() instanceof AuthenticatedUser user) {
      return user;
    }
    throw ApiException.invalidCredentials();
  }
}
