package com.evalue.api.auth;

import java.security.Principal;
import java.util.UUID;

/**
 * The caller of a request, as established by {@link AuthenticationFilter}: an active user, whether they are an Admin
 * (api.md §3.1) and, when the token was obtained with an API key, the key's {@code api_user.id}.
 */
public record AuthenticatedUser(UUID id, String email, UUID companyId, boolean admin, UUID apiUserId)
    implements Principal {
  @Override
  public String getName() {
    return id.toString();
  }
}
