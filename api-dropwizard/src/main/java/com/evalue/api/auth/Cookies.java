package com.evalue.api.auth;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/** The three cookies of api.md §2: access and refresh tokens (HttpOnly) and the UI's session data (readable). */
public class Cookies {
  public static final String ACCESS = "evalue_access_token";
  public static final String REFRESH = "evalue_refresh_token";
  public static final String SESSION = "evalue_session_data";

  private final boolean secure;
  private final String domain;

  public Cookies(boolean secure, String domain) {
    this.secure = secure;
    this.domain = domain == null || domain.isBlank() ? null : domain;
  }

  public NewCookie access(String token, Duration ttl) {
    return cookie(ACCESS, token, ttl, true);
  }

  public NewCookie refresh(String token, Duration ttl) {
    return cookie(REFRESH, token, ttl, true);
  }

  public NewCookie session(String token, Duration ttl) {
    return cookie(SESSION, token, ttl, false);
  }

  /** The three cookies, expired (logout). */
  public NewCookie[] cleared() {
    return new NewCookie[] {
        cookie(ACCESS, "", Duration.ZERO, true), cookie(REFRESH, "", Duration.ZERO, true),
        cookie(SESSION, "", Duration.ZERO, false)};
  }

  private NewCookie cookie(String name, String value, Duration ttl, boolean httpOnly) {
    return new NewCookie.Builder(name)
        .value(value)
        .path("/")
        .domain(domain)
        .maxAge((int) ttl.toSeconds())
        .secure(secure)
        .httpOnly(httpOnly)
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }
}
