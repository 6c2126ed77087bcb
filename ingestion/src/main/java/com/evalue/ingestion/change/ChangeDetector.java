package com.evalue.ingestion.change;

import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.ChangeHash;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Change detection of polled sources (spec: sources.md §1.5). Redis key {@code ingest:{make}:{vin}} holds the
 * change-hash of the last <em>stored</em> payload; a poll result is stored only when its change-hash differs.
 *
 * <p>Never loses data: a Redis error means "changed" (store anyway; compaction removes duplicates), and the key is
 * set only once the envelope is durable in a temp object ({@link #written}), so a crash between buffering and
 * flushing cannot make the next poll look unchanged. Until then the hash is remembered in memory as pending.
 */
public final class ChangeDetector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeDetector.class);

  private final RedisClient redis;
  private final IngestionMetrics metrics;
  private final Map<String, String> pending = new ConcurrentHashMap<>();

  private ChangeDetector(RedisClient redis, IngestionMetrics metrics) {
    this.redis = redis;
    this.metrics = metrics;
  }

  /** Against the Redis at {@code uri} ({@code redis://host:port[/db]}); a slow Redis counts as down. */
  public static ChangeDetector redis(URI uri, Duration timeout, IngestionMetrics metrics) {
    int ms = (int) timeout.toMillis();
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(ms).socketTimeoutMillis(ms).clientName("evalue-ingestion-" + metrics.source())
        .database(JedisURIHelper.getDBIndex(uri)).ssl(JedisURIHelper.isRedisSSLScheme(uri));
    if (JedisURIHelper.getUser(uri) != null) {
      config.user(JedisURIHelper.getUser(uri));
    }
    if (JedisURIHelper.getPassword(uri) != null) {
      config.password(JedisURIHelper.getPassword(uri));
    }
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(16);
    pool.setMaxWait(timeout);
    pool.setJmxEnabled(false);
    RedisClient client = RedisClient.builder().hostAndPort(JedisURIHelper.getHostAndPort(uri))
        .clientConfig(config.build()).poolConfig(pool).build();
    return new ChangeDetector(client, metrics);
  }

  /** No Redis configured: every poll result is stored (duplicates are removed by compaction). */
  public static ChangeDetector disabled(IngestionMetrics metrics) {
    return new ChangeDetector(null, metrics);
  }

  public static String key(Make make, String vin) {
    return "ingest:" + make.code() + ":" + vin;
  }

  /**
   * True when this poll result must not be stored: its change-hash equals the one waiting in the buffer, or the
   * one in Redis. Records the hash as pending when it returns false.
   */
  public boolean unchanged(Envelope envelope) {
    String key = key(envelope.make(), envelope.vin());
    String hash = ChangeHash.of(envelope);
    if (hash.equals(pending.get(key))) {
      metrics.unchanged.inc();
      return true;
    }
    if (redis != null) {
      try {
        if (hash.equals(redis.get(key))) {
          metrics.unchanged.inc();
          return true;
        }
      } catch (RuntimeException e) {
        // spec: sources.md §1.5 — Redis unavailable: store anyway
        metrics.redisErrors.inc();
        LOG.warn("event=redis_unavailable op=get key={} error=\"{}\"", key, e.getMessage());
      }
    }
    pending.put(key, hash);
    return false;
  }

  /** Called once envelopes are in a temp object: their VIN's key now holds the last one's change-hash. */
  public void written(List<Envelope> envelopes) {
    Map<String, String> last = new LinkedHashMap<>();
    for (Envelope e : envelopes) {
      last.put(key(e.make(), e.vin()), ChangeHash.of(e));
    }
    last.forEach((key, hash) -> {
      if (redis != null) {
        try {
          redis.set(key, hash);
        } catch (RuntimeException ex) {
          metrics.redisErrors.inc();
          LOG.warn("event=redis_unavailable op=set key={} error=\"{}\"", key, ex.getMessage());
        }
      }
      pending.computeIfPresent(key, (k, v) -> Objects.equals(v, hash) ? null : v);
    });
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
