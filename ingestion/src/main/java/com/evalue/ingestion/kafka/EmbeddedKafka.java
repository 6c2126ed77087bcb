package com.evalue.ingestion.kafka;

import com.evalue.io.files.Directories;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka in this JVM, in KRaft mode (one process that is both broker and controller), with its logs in
 * a temporary directory deleted on {@link #close}: the broker of {@code evalue demo --streaming} and
 * {@code evalue bench tesla}. Apache Kafka's own server classes (Scala 2.12 build, STACK.md §3); no Docker, no
 * ZooKeeper. Loopback only, plaintext, replication factor 1: a development broker, never a production one.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final Path logDir;
  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(Path logDir, KafkaRaftServer server, String bootstrapServers) {
    this.logDir = logDir;
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats a fresh log directory and starts the node; returns once it answers an Admin request. */
  public static EmbeddedKafka start() {
    Path dir;
    try {
      dir = Files.createTempDirectory("evalue-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the embedded Kafka's log directory", e);
    }
    try {
      int[] ports = freePorts(2);
      int brokerPort = ports[0];
      int controllerPort = ports[1];
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", "1");
      p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
      p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
      p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
      p.put("controller.listener.names", "CONTROLLER");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("log.dirs", dir.toString());
      p.put("num.partitions", "1");
      p.put("auto.create.topics.enable", "false");
      p.put("offsets.topic.replication.factor", "1");
      p.put("offsets.topic.num.partitions", "1");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("group.initial.rebalance.delay.ms", "0");
      p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE)); // the OS page cache is enough here
      KafkaConfig config = new KafkaConfig(p);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(dir.toString())
          .setDirectories(List.of(dir.toString()))
          .run();
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      EmbeddedKafka kafka = new EmbeddedKafka(dir, server, "localhost:" + brokerPort);
      kafka.awaitReady(Duration.ofSeconds(60));
      LOG.info("event=embedded_kafka_started bootstrap_servers={} log_dir={}", kafka.bootstrapServers, dir);
      return kafka;
    } catch (Exception e) {
      deleteQuietly(dir);
      throw new IllegalStateException("cannot start the embedded Kafka: " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + topic + ": " + e.getMessage(), e);
    }
  }

  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return Admin.create(p);
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (Admin admin = admin()) {
        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the embedded Kafka did not become ready", last);
  }

  @Override
  public void close() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      deleteQuietly(logDir);
    }
  }

  /**
   * {@code n} distinct free loopback ports. The sockets are held open together while the ports are chosen: asked one
   * at a time, the system may hand out a just-released port twice (a broker then refuses two listeners on one port).
   */
  public static int[] freePorts(int n) throws IOException {
    ServerSocket[] sockets = new ServerSocket[n];
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
  }


  private static void deleteQuietly(Path dir) {
    try {
      Directories.deleteRecursively(dir);
    } catch (UncheckedIOException e) {
      LOG.warn("event=embedded_kafka_cleanup_failed log_dir={} error=\"{}\"", dir, e.getMessage());
    }
  }
}
