package com.evalue.api.auth;

import com.evalue.api.db.UserDao;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What authenticating a token needs to know about its user (active, Admin, and the state of the API key the token came
 * from), read from PostgreSQL and kept for {@code auth.user_cache_ttl} (5 s by default; 0 = read on every request).
 *
 * <p>A change takes effect within that TTL, or at once when its writer announces it ({@code StateChanges}: our
 * commands do, an administrator's {@code UPDATE} can): {@link #invalidateAll} then drops every entry. An entry whose
 * read began before the latest invalidation is never used, so a read racing with a change cannot keep the old state.
 */
public class UserStateCache {
  private record Key(UUID userId, UUID apiUserId) {}

  private record Entry(Optional<UserDao.AuthRow> row, long generation) {}

  static final int MAX_ENTRIES = 100_000;

  private final UserDao users;
  private final Cache<Key, Entry> cache; // null: no caching
  private final AtomicLong generation = new AtomicLong();

  public UserStateCache(UserDao users, Duration ttl) {
    this.users = users;
    this.cache = ttl.isZero() || ttl.isNegative() ? null : Caffeine.newBuilder()
        .maximumSize(MAX_ENTRIES)
        .expireAfterWrite(ttl)
        .executor(Runnable::run)
        .build();
  }

  /** The user (and, for a token from an API key, that key's state), or empty for an unknown user. */
  public Optional<UserDao.AuthRow> find(UUID userId, UUID apiUserId) {
    if (cache == null) {
      return users.findForAuth(userId, apiUserId);
    }
    Key key = new Key(userId, apiUserId);
    long current = generation.get(); // read before the database: a change announced from now on outdates the entry
    Entry entry = cache.getIfPresent(key);
    if (entry != null && entry.generation == current) {
      return entry.row;
    }
    Optional<UserDao.AuthRow> row = users.findForAuth(userId, apiUserId);
    cache.put(key, new Entry(row, current));
    return row;
  }

  /** Forgets every user's state (a change was announced, or may have been missed). */
  public void invalidateAll() {
    generation.incrementAndGet();
    if (cache != null) {
      cache.invalidateAll();
    }
  }
}
