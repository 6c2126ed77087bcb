package com.evalue.api.health;

import com.codahale.metrics.health.HealthCheck;
import redis.clients.jedis.UnifiedJedis;

/** Admin-port health check of the metering Redis (api.md §1.4). */
public class RedisHealthCheck extends HealthCheck {
  private final UnifiedJedis redis;

  public RedisHealthCheck(UnifiedJedis redis) {
    this.redis = redis;
  }

  @Override
  protected Result check() {
    try {
      String pong = redis.ping();
      return "PONG".equals(pong) ? Result.healthy() : Result.unhealthy("unexpected PING answer: " + pong);
    } catch (RuntimeException e) {
      return Result.unhealthy("Redis unreachable: " + e.getMessage());
    }
  }
}
