package com.evalue.api.health;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import redis.clients.jedis.UnifiedJedis;

/**
 * The checks behind GET /v1/health (api.md §1.4): PostgreSQL answers {@code SELECT 1} and Redis answers PING. The
 * result is reused for {@code http.health_cache_ttl} (1 s), so that an unauthenticated endpoint cannot be used to
 * load the database.
 */
public class HealthProbe {
  /** One evaluation of both checks. */
  public record Status(boolean postgres, boolean redis) {
    public boolean healthy() {
      return postgres && redis;
    }
  }

  private record Cached(Status status, long atNanos) {}

  private final Jdbi jdbi;
  private final UnifiedJedis redis;
  private final long ttlNanos;
  private final AtomicReference<Cached> last = new AtomicReference<>();

  public HealthProbe(Jdbi jdbi, UnifiedJedis redis, Duration ttl) {
    this.jdbi = jdbi;
    this.redis = redis;
    this.ttlNanos = ttl.toNanos();
  }

  public Status status() {
    long now = System.nanoTime();
    Cached cached = last.get();
    if (cached != null && now - cached.atNanos < ttlNanos) {
      return cached.status;
    }
    Status status = new Status(postgres(), redis());
    last.set(new Cached(status, now));
    return status;
  }

  boolean postgres() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  boolean redis() {
    try {
      return "PONG".equals(redis.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
