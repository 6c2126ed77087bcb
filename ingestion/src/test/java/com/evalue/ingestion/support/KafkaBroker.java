package com.evalue.ingestion.support;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * An in-process single-node KRaft Kafka (Apache Kafka's own test kit, Scala 2.12 build; STACK.md §3). No Docker.
 */
public final class KafkaBroker implements AutoCloseable {
  private final KafkaClusterTestKit kafka;

  public KafkaBroker() throws Exception {
    kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
        .setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        // a fixed broker port, so that a restarted broker is found again at the same address
        .setConfigProp("listeners", "EXTERNAL://localhost:" + freePort() + ",CONTROLLER://localhost:" + freePort())
        .build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public void createTopic(String topic, int partitions) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** Stops and starts the broker (the KRaft controller keeps running); clients reconnect to the same port. */
  public void restartBroker() throws Exception {
    kafka.brokers().values().forEach(b -> {
      b.shutdown();
      b.awaitShutdown();
    });
    for (var b : kafka.brokers().values()) {
      b.startup();
    }
    kafka.waitForReadyBrokers();
  }

  @Override
  public void close() throws Exception {
    kafka.close();
  }
}
