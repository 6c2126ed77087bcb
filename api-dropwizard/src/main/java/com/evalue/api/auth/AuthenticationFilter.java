package com.evalue.api.auth;

import com.evalue.api.db.UserDao;
import com.evalue.api.errors.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * Authenticates a request (api.md §2.3): the token comes from {@code Authorization: Bearer}, or, when that header is
 * absent, from the {@code evalue_access_token} cookie. It must be a valid access token of an existing, active user
 * (and, when it was obtained with an API key, of a key still active). Anything else is the same 401. The user's state
 * comes from {@link UserStateCache} (a change takes effect within {@code auth.user_cache_ttl}, or at once when
 * announced).
 */
public class AuthenticationFilter implements ContainerRequestFilter {
  private static final String BEARER = "Bearer ";

  private final TokenService tokens;
  private final UserStateCache users;

  public AuthenticationFilter(TokenService tokens, UserStateCache users) {
    this.tokens = tokens;
    this.users = users;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String token = token(request);
    TokenService.Verified verified = tokens.verify(token, TokenType.ACCESS)
        .orElseThrow(ApiException::invalidCredentials);
    UserDao.AuthRow user = users.find(verified.userId(), verified.apiUserId())
        .filter(UserDao.AuthRow::active)
        .orElseThrow(ApiException::invalidCredentials);
    if (verified.apiUserId() != null && !Boolean.TRUE.equals(user.keyActive())) {
      throw ApiException.invalidCredentials();
    }
    AuthenticatedUser principal = new AuthenticatedUser(user.id(), user.email(), user.companyId(), user.admin(),
        verified.apiUserId());
    boolean secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public boolean isUserInRole(String role) {
        return "Admin".equals(role) && principal.admin();
      }

      @Override
      public boolean isSecure() {
        return secure;
      }

      @Override
      public String getAuthenticationScheme() {
        return "Bearer";
      }
    });
  }

  private static String token(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      // a present header wins, even when it is not a Bearer one (then: 401)
      return header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? header.substring(BEARER.length()).trim() : null;
    }
    return Optional.ofNullable(request.getCookies().get(Cookies.ACCESS)).map(Cookie::getValue).orElse(null);
  }
}
