package com.evalue.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** api.md §2: JWT, cookies, passwords, login throttling. */
public class AuthSettings {
  /** HS256 key, at least 32 bytes. Blank: required for a configured deployment; generated under data/ when embedded. */
  @JsonProperty("jwt_secret") public String jwtSecret;
  /**
   * Key rotation: the former {@code jwt_secret}, accepted for verification only, so that tokens issued before the
   * rotation stay valid until they expire; new tokens are signed with {@code jwt_secret}. Blank: none.
   */
  @JsonProperty("jwt_previous_secret") public String jwtPreviousSecret;
  @JsonProperty @NotNull public String issuer = "evalue";
  @JsonProperty("access_token_ttl") @NotNull public Duration accessTokenTtl = Duration.minutes(60);
  @JsonProperty("refresh_token_ttl") @NotNull public Duration refreshTokenTtl = Duration.days(30);
  @JsonProperty("clock_skew") @NotNull public Duration clockSkew = Duration.seconds(30);
  @JsonProperty("cookie_secure") public boolean cookieSecure = true;
  @JsonProperty("cookie_domain") public String cookieDomain;
  /** bcrypt cost of new hashes (api.md §2.1: 12). Existing hashes are checked at their own cost. */
  @JsonProperty("bcrypt_cost") @Min(10) @Max(16) public int bcryptCost = 12;
  @JsonProperty("login_max_failures") @Min(1) public int loginMaxFailures = 10;
  @JsonProperty("login_failure_window") @NotNull public Duration loginFailureWindow = Duration.minutes(15);
  /**
   * How long an authenticated user's state (active flag, role, API key state) may be reused without a database read
   * (one query less per request). A deactivated user, a revoked key or a role change takes effect within this time,
   * or at once when announced on the {@code evalue_state_changed} channel (our commands do; by hand:
   * {@code SELECT pg_notify('evalue_state_changed', '<user id>')}). 0 = read on every request.
   */
  @JsonProperty("user_cache_ttl") @NotNull public Duration userCacheTtl = Duration.seconds(5);
}
