package com.evalue.api.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 *
 * <p>Access tokens arrive on every request, usually the same few strings again and again: a successfully verified
 * access token is remembered (by its exact text, bounded, at most {@value #VERIFIED_CACHE_MINUTES} minutes), so a
 * repeat costs a map lookup and the expiry check instead of base64, JSON parsing and an HMAC. Only successes are
 * remembered: a forged or altered token always goes through the full verification, and a remembered one still expires
 * at its {@code exp} (with the clock skew), exactly as a fresh verification would decide.
 */
public class TokenService {
  public static final String CLAIM_TYPE = "typ";
  public static final String CLAIM_API_USER = "akid";
  public static final int MIN_SECRET_BYTES = 32;
  static final int VERIFIED_CACHE_SIZE = 10_000;
  static final int VERIFIED_CACHE_MINUTES = 10;

  /** A verified token. */
  public record Verified(UUID userId, UUID apiUserId, String jti, Instant expiresAt) {}

  /** A token just issued. */
  public record Issued(String token, String jti, Instant expiresAt, long expiresInSeconds) {}

  private final Algorithm algorithm;
  private final String issuer;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Clock clock;
  private final long leewaySeconds;
  private final Map<TokenType, JWTVerifier> verifiers = new EnumMap<>(TokenType.class);
  /** Verifiers with {@code auth.jwt_previous_secret}, for the tokens signed before a key rotation (empty: none). */
  private final Map<TokenType, JWTVerifier> previousVerifiers = new EnumMap<>(TokenType.class);
  private final Cache<String, Verified> verifiedAccess = Caffeine.newBuilder()
      .maximumSize(VERIFIED_CACHE_SIZE)
      .expireAfterWrite(Duration.ofMinutes(VERIFIED_CACHE_MINUTES))
      .executor(Runnable::run) // maintenance on the calling thread: no hand-off to a pool on a 2-core box
      .build();

  public TokenService(String secret, String issuer, Duration accessTtl, Duration refreshTtl, Duration clockSkew,
      Clock clock) {
    this(secret, null, issuer, accessTtl, refreshTtl, clockSkew, clock);
  }

  /**
   * @param secret signs every new token and verifies
   * @param previousSecret null, or the key of before a rotation: it only verifies, so that tokens issued before the
   *     rotation stay valid until they expire (keep it for the refresh-token lifetime, then drop it)
   */
  public TokenService(String secret, String previousSecret, String issuer, Duration accessTtl, Duration refreshTtl,
      Duration clockSkew, Clock clock) {
    this.algorithm = hmac("auth.jwt_secret", secret);
    this.issuer = issuer;
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    this.clock = clock;
    this.leewaySeconds = clockSkew.toSeconds();
    Algorithm previous = previousSecret == null || previousSecret.isEmpty() ? null
        : hmac("auth.jwt_previous_secret", previousSecret);
    for (TokenType type : TokenType.values()) {
      verifiers.put(type, verifier(algorithm, type, clockSkew));
      if (previous != null) {
        previousVerifiers.put(type, verifier(previous, type, clockSkew));
      }
    }
  }

  private static Algorithm hmac(String key, String secret) {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(key + " must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    return Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
  }

  private JWTVerifier verifier(Algorithm key, TokenType type, Duration clockSkew) {
    JWTVerifier.BaseVerification verification = (JWTVerifier.BaseVerification) JWT.require(key)
        .withIssuer(issuer)
        .withClaim(CLAIM_TYPE, type.claim())
        .withClaimPresence("sub")
        .withClaimPresence("exp")
        .acceptLeeway(clockSkew.toSeconds());
    return verification.build(clock);
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
    if (expected == TokenType.ACCESS) {
      Verified known = verifiedAccess.getIfPresent(token);
      if (known != null) {
        // the rule of JWTVerifier: expired when now - leeway is after exp
        return clock.instant().minusSeconds(leewaySeconds).isAfter(known.expiresAt())
            ? Optional.empty() : Optional.of(known);
      }
    }
    try {
      DecodedJWT jwt = verifyWithEitherKey(token, expected);
      UUID userId = UUID.fromString(jwt.getSubject());
      String akid = jwt.getClaim(CLAIM_API_USER).asString();
      UUID apiUserId = akid == null ? null : UUID.fromString(akid);
      Verified verified = new Verified(userId, apiUserId, jwt.getId(), jwt.getExpiresAtAsInstant());
      if (expected == TokenType.ACCESS) {
        verifiedAccess.put(token, verified);
      }
      return Optional.of(verified);
    } catch (JWTVerificationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The current key's verdict, or, for a signature it did not make, the previous key's (when one is configured). */
  private DecodedJWT verifyWithEitherKey(String token, TokenType expected) {
    try {
      return verifiers.get(expected).verify(token);
    } catch (SignatureVerificationException e) {
      JWTVerifier previous = previousVerifiers.get(expected);
      if (previous == null) {
        throw e;
      }
      return previous.verify(token);
    }
  }
}
