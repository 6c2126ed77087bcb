package com.evalue.ingestion.support;

import com.evalue.ingestion.kafka.EmbeddedKafka;
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

  private final String saslBootstrapServers;

  public KafkaBroker() throws Exception {
    this(null, null);
  }

  /**
   * With {@code saslUser} set, a second client listener that requires SASL/PLAIN authentication as that user
   * ({@link #saslBootstrapServers}); {@link #bootstrapServers} stays unauthenticated for the tests' own clients.
   */
  public KafkaBroker(String saslUser, String saslPassword) throws Exception {
    // a fixed broker port, so that a restarted broker is found again at the same address
    int[] ports = EmbeddedKafka.freePorts(3);
    String listeners = "EXTERNAL://localhost:" + ports[0] + ",CONTROLLER://localhost:" + ports[1];
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0");
    if (saslUser == null) {
      builder.setConfigProp("listeners", listeners);
      saslBootstrapServers = null;
    } else {
      saslBootstrapServers = "localhost:" + ports[2];
      String external = listeners.substring(0, listeners.indexOf(','));
      builder.setConfigProp("listeners", listeners + ",SASL://" + saslBootstrapServers)
          .setConfigProp("advertised.listeners", external + ",SASL://" + saslBootstrapServers)
          .setConfigProp("listener.security.protocol.map",
              "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL:SASL_PLAINTEXT")
          .setConfigProp("sasl.enabled.mechanisms", "PLAIN")
          .setConfigProp("listener.name.sasl.plain.sasl.jaas.config",
              "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + saslUser + "=\""
                  + saslPassword + "\";");
    }
    kafka = builder.build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
  }

  /** The SASL/PLAIN listener's address (null without one). */
  public String saslBootstrapServers() {
    return saslBootstrapServers;
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
