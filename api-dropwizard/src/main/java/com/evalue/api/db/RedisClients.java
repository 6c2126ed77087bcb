package com.evalue.api.db;

import java.net.URI;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The pooled Redis client of the process (jedis 8 {@link RedisClient}, a {@code UnifiedJedis}). Connect and socket
 * timeouts are {@code redis.timeout_ms}: a slower Redis counts as unreachable (api.md §4.3.6). Borrowing a connection
 * never waits longer than that either.
 */
public final class RedisClients {
  private RedisClients() {}

  public static RedisClient create(URI uri, int timeoutMs, int poolMaxSize) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(timeoutMs)
        .socketTimeoutMillis(timeoutMs)
        .clientName("evalue-api")
        .database(JedisURIHelper.getDBIndex(uri))
        .ssl(JedisURIHelper.isRedisSSLScheme(uri));
    String user = JedisURIHelper.getUser(uri);
    String password = JedisURIHelper.getPassword(uri);
    if (user != null) {
      config.user(user);
    }
    if (password != null) {
      config.password(password);
    }
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(poolMaxSize);
    pool.setMaxIdle(poolMaxSize);
    pool.setMinIdle(Math.min(4, poolMaxSize));
    pool.setMaxWait(Duration.ofMillis(timeoutMs));
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
    pool.setJmxEnabled(false);
    HostAndPort address = JedisURIHelper.getHostAndPort(uri);
    return RedisClient.builder().hostAndPort(address).clientConfig(config.build()).poolConfig(pool).build();
  }
}
