package com.evalue.api.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Login throttling (api.md §2: 429 after 10 failures for one email within 15 min): a sliding window of failure times
 * per email in a Redis sorted set, shared by all API instances. When Redis is unreachable the window is kept in this
 * process instead, so throttling never switches off.
 */
public class LoginThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
  private static final String RECORD = """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
      redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return redis.call('ZCARD', KEYS[1])
      """;

  private final UnifiedJedis redis;
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Long>> local = new ConcurrentHashMap<>();

  public LoginThrottle(UnifiedJedis redis, int maxFailures, Duration window, Clock clock) {
    this.redis = redis;
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** True when the email has had {@code maxFailures} failures within the window. */
  public boolean blocked(String email) {
    long now = clock.millis();
    String key = key(email);
    try {
      return redis.zcount(key, now - window.toMillis(), Double.POSITIVE_INFINITY) >= maxFailures
          || localCount(key, now) >= maxFailures;
    } catch (JedisException e) {
      LOG.warn("event=login_throttle_local reason=\"{}\"", e.getMessage());
      return localCount(key, now) >= maxFailures;
    }
  }

  public void failure(String email) {
    long now = clock.millis();
    String key = key(email);
    try {
      redis.eval(RECORD, List.of(key), List.of(Long.toString(now), Long.toString(now - window.toMillis()),
          now + ":" + UUID.randomUUID(), Long.toString(window.toMillis())));
    } catch (JedisException e) {
      LOG.warn("event=login_throttle_local reason=\"{}\"", e.getMessage());
      Deque<Long> times = local.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (times) {
        times.addLast(now);
      }
    }
  }

  public void reset(String email) {
    String key = key(email);
    local.remove(key);
    try {
      redis.del(key);
    } catch (JedisException e) {
      LOG.warn("event=login_throttle_reset_failed reason=\"{}\"", e.getMessage());
    }
  }

  private int localCount(String key, long now) {
    Deque<Long> times = local.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() < now - window.toMillis()) {
        times.pollFirst();
      }
      return times.size();
    }
  }

  private static String key(String email) {
    return "login:fail:" + com.evalue.api.auth.ApiKeys.sha256Hex(email);
  }
}
