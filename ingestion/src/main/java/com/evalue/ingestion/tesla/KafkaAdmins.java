package com.evalue.ingestion.tesla;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Kafka Admin client per client settings (bootstrap servers and {@link TeslaIngestConfig#kafkaProperties}) and
 * JVM, shared by every {@link PartitionFlushFn} instance for its offset commits, and closed after 20 s without use.
 *
 * <p>Why not one per DoFn instance ({@code @Setup}/{@code @Teardown}): the SparkRunner sets up and tears down
 * DoFns around every micro-batch, so per-instance clients cost a connection per batch, and a torn-down instance
 * could be left holding a closed client ("Cannot accept new calls when AdminClient is closing").
 */
final class KafkaAdmins {
  private static final Duration IDLE = Duration.ofSeconds(20);
  private static final Map<Properties, Shared> ADMINS = new ConcurrentHashMap<>();
  private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "evalue-kafka-admin-sweeper");
    t.setDaemon(true);
    return t;
  });

  static {
    SWEEPER.scheduleWithFixedDelay(KafkaAdmins::closeIdle, 10, 10, TimeUnit.SECONDS);
  }

  private static final class Shared {
    final Admin admin;
    volatile long lastUsedNanos = System.nanoTime();

    Shared(Admin admin) {
      this.admin = admin;
    }
  }

  private KafkaAdmins() {}

  static Admin forClient(Properties client) {
    Shared s = ADMINS.compute(client, (k, v) -> v != null ? v : new Shared(create(k)));
    s.lastUsedNanos = System.nanoTime();
    return s.admin;
  }

  private static Admin create(Properties client) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    return Admin.create(p);
  }

  private static void closeIdle() {
    long now = System.nanoTime();
    ADMINS.forEach((servers, s) -> {
      if (now - s.lastUsedNanos > IDLE.toNanos() && ADMINS.remove(servers, s)) {
        s.admin.close(Duration.ofSeconds(5));
      }
    });
  }
}
