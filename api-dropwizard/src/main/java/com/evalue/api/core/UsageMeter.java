package com.evalue.api.core;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The per-user, per-UTC-day request counter and distinct-VIN set in Redis (api.md §4.3), checked and incremented by
 * one Lua script run with EVALSHA, so concurrent requests can never be admitted beyond a limit. After a Redis restart
 * the script cache is empty: a NOSCRIPT answer is followed by one EVAL, which loads the script again.
 */
public class UsageMeter {
  // KEYS[1] request counter, KEYS[2] VIN set; ARGV: request limit, VIN limit (−1 = unlimited), VIN or "", ttl seconds.
  // Returns {admitted 1|0, refusal 0 none|1 requests|2 vins, requests, distinct VINs}. spec: api.md §4.3.3
  static final String SCRIPT = """
      local req_limit = tonumber(ARGV[1])
      local vin_limit = tonumber(ARGV[2])
      local vin = ARGV[3]
      local ttl = tonumber(ARGV[4])
      local count = tonumber(redis.call('GET', KEYS[1]) or '0')
      if req_limit >= 0 and count >= req_limit then
        return {0, 1, count, redis.call('SCARD', KEYS[2])}
      end
      if vin ~= '' and vin_limit >= 0 and redis.call('SISMEMBER', KEYS[2], vin) == 0 then
        local distinct = redis.call('SCARD', KEYS[2])
        if distinct >= vin_limit then
          return {0, 2, count, distinct}
        end
      end
      count = redis.call('INCR', KEYS[1])
      redis.call('EXPIRE', KEYS[1], ttl)
      if vin ~= '' then
        redis.call('SADD', KEYS[2], vin)
        redis.call('EXPIRE', KEYS[2], ttl)
      end
      return {1, 0, count, redis.call('SCARD', KEYS[2])}
      """;
  static final String SCRIPT_SHA = sha1(SCRIPT);

  /** Today's counts, for GET /v1/billing/usage. */
  public record Counts(long requests, long distinctVins) {}

  private final UnifiedJedis redis;
  private final Runnable dropConnections;

  /**
   * @param dropConnections discards the pool's idle connections; called when one turns out dead (Redis restarted),
   *     so that the one retry gets a fresh connection
   */
  public UsageMeter(UnifiedJedis redis, Runnable dropConnections) {
    this.redis = redis;
    this.dropConnections = dropConnections;
  }

  public static String requestKey(UUID userId, UtcDay day) {
    return "meter:req:" + userId + ":" + day.key();
  }

  public static String vinKey(UUID userId, UtcDay day) {
    return "meter:vin:" + userId + ":" + day.key();
  }

  /**
   * Admits or refuses one metered request of {@code userId} at {@code now} under {@code plan}; {@code vin} is the
   * normalised VIN of the path, or null.
   *
   * @throws MeteringUnavailableException when Redis is unreachable or too slow
   */
  public Admission admit(UUID userId, PricingPlan plan, String vin, Instant now) {
    UtcDay day = UtcDay.of(now);
    long retryAfter = day.secondsUntilMidnight(now);
    long ttl = retryAfter + 3600;
    List<String> keys = List.of(requestKey(userId, day), vinKey(userId, day));
    List<String> args = List.of(Long.toString(plan.requestsLimitOrUnlimited()),
        Long.toString(plan.maxDistinctVinsOrUnlimited()), vin == null ? "" : vin, Long.toString(ttl));
    List<?> reply = run(keys, args);
    boolean admitted = ((Number) reply.get(0)).longValue() == 1;
    int refusal = ((Number) reply.get(1)).intValue();
    return new Admission(admitted,
        admitted ? null : refusal == 2 ? Admission.Refusal.VINS : Admission.Refusal.REQUESTS,
        ((Number) reply.get(2)).longValue(), ((Number) reply.get(3)).longValue(),
        day.nextMidnight().getEpochSecond(), retryAfter);
  }

  /** Today's request count and distinct VINs of the user. */
  public Counts today(UUID userId, Instant now) {
    UtcDay day = UtcDay.of(now);
    try {
      String count = redis.get(requestKey(userId, day));
      long distinct = redis.scard(vinKey(userId, day));
      return new Counts(count == null ? 0 : Long.parseLong(count), distinct);
    } catch (JedisException e) {
      throw new MeteringUnavailableException("Redis unavailable: " + e.getMessage(), e);
    }
  }

  private List<?> run(List<String> keys, List<String> args) {
    try {
      return evalsha(keys, args);
    } catch (JedisConnectionException e) {
      if (e.getCause() instanceof SocketTimeoutException) {
        // the script may have run: never retry a slow Redis (api.md §4.3.6: fail closed)
        throw new MeteringUnavailableException("Redis too slow: " + e.getMessage(), e);
      }
      // a pooled connection from before a Redis restart is dead and the script never reached Redis: retry once
      dropConnections.run();
      try {
        return evalsha(keys, args);
      } catch (JedisException retry) {
        throw new MeteringUnavailableException("Redis unavailable: " + retry.getMessage(), retry);
      }
    } catch (JedisException e) {
      throw new MeteringUnavailableException("Redis unavailable: " + e.getMessage(), e);
    }
  }

  /** EVALSHA, and EVAL when the script cache is empty (NOSCRIPT, e.g. after a Redis restart). */
  private List<?> evalsha(List<String> keys, List<String> args) {
    try {
      return (List<?>) redis.evalsha(SCRIPT_SHA, keys, args);
    } catch (JedisDataException e) {
      if (e instanceof JedisNoScriptException || (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT"))) {
        return (List<?>) redis.eval(SCRIPT, keys, args);
      }
      throw e;
    }
  }

  private static String sha1(String script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
