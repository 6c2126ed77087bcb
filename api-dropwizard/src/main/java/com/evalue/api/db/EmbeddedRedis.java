package com.evalue.api.db;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import redis.embedded.RedisServer;

/**
 * The Redis of the embedded default (no {@code redis.uri}): a redis-server child process from embedded-redis on a free
 * loopback port, without persistence (the metering counters restart with the process).
 */
public final class EmbeddedRedis implements Managed {
  private final int port;
  private final RedisServer server;

  private EmbeddedRedis(int port, RedisServer server) {
    this.port = port;
    this.server = server;
  }

  public static EmbeddedRedis launch() {
    int port = freePort();
    try {
      RedisServer server = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .soutListener(line -> { })
          .build();
      server.start();
      return new EmbeddedRedis(port, server);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded Redis", e);
    }
  }

  public URI uri() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  @Override
  public void stop() throws IOException {
    server.stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
