package com.evalue.api.core;

import com.evalue.api.db.PricingDao;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plan resolution (api.md §4.2), the same everywhere: metering, billing endpoints and the invoice run. The plan of
 * today is cached in memory per user for {@code metering.plan_cache_ttl} (60 s); a cached plan is never reused on
 * another UTC day. A plan change announced on {@code StateChanges} (e.g. by {@code evalue billing assign-plan}) drops
 * the cache at once ({@link #invalidateAll}); a resolution that raced with it is not kept.
 */
public class PricingService {
  private record Cached(PricingPlan plan, LocalDate day, long expiresAtNanos, long generation) {}

  static final int MAX_ENTRIES = 100_000;

  private final PricingDao dao;
  private final Clock clock;
  private final long ttlNanos;
  private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  public PricingService(PricingDao dao, Clock clock, Duration ttl) {
    this.dao = dao;
    this.clock = clock;
    this.ttlNanos = ttl.toNanos();
  }

  /** Today's plan of the user, assigning "Plan Standard" when they have none (cached). */
  public PricingPlan current(UUID userId) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    long now = System.nanoTime();
    long current = generation.get();
    Cached cached = cache.get(userId);
    if (cached != null && cached.generation == current && cached.day.equals(today) && now - cached.expiresAtNanos < 0) {
      return cached.plan;
    }
    PricingPlan plan = dao.resolve(userId, today).orElseGet(() -> dao.resolveOrAssignStandard(userId, today));
    if (cache.size() > MAX_ENTRIES) {
      cache.clear(); // bounded: many distinct users only cost database reads
    }
    cache.put(userId, new Cached(plan, today, now + ttlNanos, current));
    return plan;
  }

  /** The plan valid on {@code day} (invoicing: the period's last day); "Plan Standard" without a row, not assigned. */
  public PricingPlan on(UUID userId, LocalDate day) {
    return dao.resolve(userId, day).orElseGet(dao::standard);
  }

  /** Forget the cached plan of a user (after a plan change made by this process). */
  public void invalidate(UUID userId) {
    generation.incrementAndGet();
    cache.remove(userId);
  }

  /** Forget every cached plan (a change was announced, or may have been missed). */
  public void invalidateAll() {
    generation.incrementAndGet();
    cache.clear();
  }
}
