package com.evalue.api.auth;

import com.evalue.api.db.UserDao;
import com.evalue.api.errors.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates a request (api.md §2.3): the token comes from {@code Authorization: Bearer}, or, when that header is
 * absent, from the {@code evalue_access_token} cookie. It must be a valid access token of an existing, active user
 * (and, when it was obtained with an API key, of a key still active). Anything else is the same 401.
 */
public class AuthenticationFilter implements ContainerRequestFilter {
  private static final String BEARER = "Bearer ";

  private record CacheKey(UUID userId, UUID apiUserId) {}

  private record Cached(Optional<UserDao.AuthRow> row, long expiresAtNanos) {}

  private final TokenService tokens;
  private final UserDao users;
  private final long cacheTtlNanos;
  private final Map<CacheKey, Cached> cache = new ConcurrentHashMap<>();

  /** @param cacheTtl {@code auth.user_cache_ttl}: zero reads the user on every request */
  public AuthenticationFilter(TokenService tokens, UserDao users, Duration cacheTtl) {
    this.tokens = tokens;
    this.users = users;
    this.cacheTtlNanos = cacheTtl.toNanos();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String token = token(request);
    TokenService.Verified verified = tokens.verify(token, TokenType.ACCESS)
        .orElseThrow(ApiException::invalidCredentials);
    UserDao.AuthRow user = find(verified.userId(), verified.apiUserId())
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

  private Optional<UserDao.AuthRow> find(UUID userId, UUID apiUserId) {
    if (cacheTtlNanos <= 0) {
      return users.findForAuth(userId, apiUserId);
    }
    CacheKey key = new CacheKey(userId, apiUserId);
    long now = System.nanoTime();
    Cached cached = cache.get(key);
    if (cached != null && now - cached.expiresAtNanos < 0) {
      return cached.row;
    }
    if (cache.size() > 100_000) {
      cache.clear(); // bounded: a burst of distinct users only costs database reads
    }
    Optional<UserDao.AuthRow> row = users.findForAuth(userId, apiUserId);
    cache.put(key, new Cached(row, now + cacheTtlNanos));
    return row;
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
