package com.evalue.api.core;

import java.time.Duration;
import java.time.Instant;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Single use of refresh tokens: a refresh rotates the token (api.md §2), and the used one's {@code jti} is recorded in
 * Redis until it expires, so a stolen refresh token cannot be replayed after its owner used it (or logged out).
 */
public class RefreshTokens {
  private final UnifiedJedis redis;

  public RefreshTokens(UnifiedJedis redis) {
    this.redis = redis;
  }

  /**
   * Marks the token used; true when this call was the first use.
   *
   * @throws MeteringUnavailableException when Redis is unreachable (the caller refuses the refresh: closed by default)
   */
  public boolean consume(String jti, Instant expiresAt, Instant now) {
    long ttl = Math.max(1, Duration.between(now, expiresAt).toSeconds() + 60);
    try {
      return "OK".equals(redis.set("auth:refresh:used:" + jti, "1", SetParams.setParams().nx().ex(ttl)));
    } catch (JedisException e) {
      throw new MeteringUnavailableException("Redis unavailable: " + e.getMessage(), e);
    }
  }
}
