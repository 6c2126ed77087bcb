package com.evalue.api.support;

import com.evalue.db.DatabaseSetup;
import com.evalue.db.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import redis.embedded.RedisServer;

/**
 * The real services of the test JVM: one embedded PostgreSQL 17 (zonky, temp directory, free port) migrated by Flyway
 * with the shipped model catalogue, and one Redis (embedded-redis) on a free loopback port. Started on first use,
 * shared by every test class; each class creates its own rows.
 */
public final class TestInfra {
  private static EmbeddedDatabase database;
  private static Jdbi jdbi;
  private static RedisServer redis;
  private static int redisPort;

  private TestInfra() {}

  public static synchronized EmbeddedDatabase database() {
    if (database == null) {
      try {
        Path dir = Files.createTempDirectory("evalue-api-test-pg");
        database = EmbeddedDatabase.start(dir, freePort());
        DatabaseSetup.migrateAndSeed(database.dataSource());
        jdbi = Jdbi.create(database.dataSource());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return database;
  }

  public static synchronized Jdbi jdbi() {
    database();
    return jdbi;
  }

  public static String jdbcUrl() {
    return database().jdbcUrl();
  }

  /** The shared Redis, started on first use. */
  public static synchronized String redisUri() {
    if (redis == null) {
      redisPort = freePort();
      redis = startRedis(redisPort);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(redis)));
    }
    return "redis://127.0.0.1:" + redisPort;
  }

  /** A Redis of one's own (tests that stop and restart it). */
  public static RedisServer startRedis(int port) {
    try {
      RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"").setting("appendonly no").soutListener(l -> { }).build();
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void stopQuietly(RedisServer server) {
    try {
      if (server != null && server.isActive()) {
        server.stop();
      }
    } catch (IOException e) {
      // already gone
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
