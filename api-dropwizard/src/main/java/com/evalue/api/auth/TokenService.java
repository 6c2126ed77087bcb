package com.evalue.api.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies the JWTs of api.md §2.2: HS256 with {@code auth.jwt_secret}, claims {@code sub} (user id),
 * {@code iat}, {@code exp}, {@code typ}, {@code iss}, and {@code jti}. Verification pins the algorithm to HS256 (so
 * {@code alg=none} and every other algorithm are refused), checks the signature, the issuer, the type and the expiry
 * with the configured clock skew.
 */
public class TokenService {
  public static final String CLAIM_TYPE = "typ";
  public static final String CLAIM_API_USER = "akid";
  public static final int MIN_SECRET_BYTES = 32;

  /** A verified token. */
  public record Verified(UUID userId, UUID apiUserId, String jti, Instant expiresAt, DecodedJWT jwt) {}

  /** A token just issued. */
  public record Issued(String token, String jti, Instant expiresAt, long expiresInSeconds) {}

  private final Algorithm algorithm;
  private final String issuer;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Clock clock;
  private final Map<TokenType, JWTVerifier> verifiers = new EnumMap<>(TokenType.class);

  public TokenService(String secret, String issuer, Duration accessTtl, Duration refreshTtl, Duration clockSkew,
      Clock clock) {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("auth.jwt_secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.algorithm = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
    this.issuer = issuer;
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    this.clock = clock;
    for (TokenType type : TokenType.values()) {
      JWTVerifier.BaseVerification verification = (JWTVerifier.BaseVerification) JWT.require(algorithm)
          .withIssuer(issuer)
          .withClaim(CLAIM_TYPE, type.claim())
          .withClaimPresence("sub")
          .withClaimPresence("exp")
          .acceptLeeway(clockSkew.toSeconds());
      verifiers.put(type, verification.build(clock));
    }
  }

  public Duration accessTtl() {
    return accessTtl;
  }

  public Duration refreshTtl() {
    return refreshTtl;
  }

  public Issued issueAccess(UUID userId, UUID apiUserId) {
    return issue(userId, apiUserId, TokenType.ACCESS, accessTtl, Map.of());
  }

  public Issued issueRefresh(UUID userId) {
    return issue(userId, null, TokenType.REFRESH, refreshTtl, Map.of());
  }

  /** The {@code evalue_session_data} token (api.md §2): UI data, signed with the same key, never accepted as auth. */
  public Issued issueSession(UUID userId, Map<String, Object> claims) {
    return issue(userId, null, TokenType.SESSION, accessTtl, claims);
  }

  private Issued issue(UUID userId, UUID apiUserId, TokenType type, Duration ttl, Map<String, Object> claims) {
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    String jti = UUID.randomUUID().toString();
    var builder = JWT.create()
        .withIssuer(issuer)
        .withSubject(userId.toString())
        .withIssuedAt(now)
        .withExpiresAt(expires)
        .withJWTId(jti)
        .withClaim(CLAIM_TYPE, type.claim());
    if (apiUserId != null) {
      builder.withClaim(CLAIM_API_USER, apiUserId.toString());
    }
    claims.forEach((k, v) -> {
      if (v instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, ?> m = (Map<String, ?>) map;
        builder.withClaim(k, m);
      } else if (v != null) {
        builder.withClaim(k, v.toString());
      }
    });
    return new Issued(builder.sign(algorithm), jti, expires, ttl.toSeconds());
  }

  /** The verified token, or empty for anything invalid: bad format, algorithm, signature, issuer, type or expiry. */
  public Optional<Verified> verify(String token, TokenType expected) {
    if (token == null || token.isBlank() || token.length() > 4096) {
      return Optional.empty();
    }
    try {
      DecodedJWT jwt = verifiers.get(expected).verify(token);
      UUID userId = UUID.fromString(jwt.getSubject());
      String akid = jwt.getClaim(CLAIM_API_USER).asString();
      UUID apiUserId = akid == null ? null : UUID.fromString(akid);
      return Optional.of(new Verified(userId, apiUserId, jwt.getId(), jwt.getExpiresAtAsInstant(), jwt));
    } catch (JWTVerificationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
