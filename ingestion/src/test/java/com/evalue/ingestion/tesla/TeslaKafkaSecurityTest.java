package com.evalue.ingestion.tesla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.ingestion.support.Archive;
import com.evalue.ingestion.support.KafkaBroker;
import com.evalue.ingestion.support.TeslaStream;
import com.evalue.io.storage.Warehouse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingestion's Kafka client settings reach every client it opens: against a listener that requires SASL/PLAIN,
 * the backlog's Admin client, KafkaIO's consumers and the offset commits all authenticate; wrong credentials fail
 * with the broker's reason instead of hanging.
 */
class TeslaKafkaSecurityTest {
  static final String USER = "evalue-ingest";
  static final String PASSWORD = "s3cret-of-the-test";
  static KafkaBroker kafka;
  @TempDir Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = new KafkaBroker(USER, PASSWORD);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  static Map<String, String> sasl(String password) {
    return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
        "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
            + "\" password=\"" + password + "\";");
  }

  TeslaIngestConfig config(String topic, String password) {
    return TeslaIngestConfig.defaults(kafka.saslBootstrapServers(), topic, dir.toString(), "sasl-writer")
        .withUntilEndOffsets(true).withKafkaProperties(sasl(password));
  }

  @Test
  void readsWritesAndCommitsThroughAnAuthenticatedListener() throws Exception {
    String topic = "sasl_V";
    kafka.createTopic(topic, 2);
    TeslaStream stream = new TeslaStream(kafka.bootstrapServers(), topic, 31);
    stream.produce(new int[] {12, 7, 3}, "protobuf", 0);
    Map<Integer, Long> end = stream.endOffsets(2);

    assertEquals(PipelineResult.State.DONE, TeslaIngestPipelineTest.runBounded(config(topic, PASSWORD)));

    assertEquals(end, TeslaIngestPipeline.committedOffsets(kafka.bootstrapServers(), topic));
    Warehouse w = Warehouse.at(dir.toString());
    assertEquals(stream.sent.size(), Archive.envelopes(w).size());
  }

  @Test
  void wrongCredentialsFailWithTheBrokersReason() throws Exception {
    String topic = "sasl_refused_V";
    kafka.createTopic(topic, 1);
    new TeslaStream(kafka.bootstrapServers(), topic, 5).produce(new int[] {3}, "protobuf", 0);
    TeslaIngestConfig config = config(topic, "not-the-password");
    Pipeline p = TeslaIngestPipeline.create(config, PipelineOptionsFactory.create());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TeslaIngestPipeline.build(p, config));
    assertTrue(e.getMessage().contains("Authentication failed"), e.getMessage());
  }

  @Test
  void credentialsStayOutOfTheConfigTextAndThePipelinesDisplayData() {
    TeslaIngestConfig config = config("t_V", PASSWORD);
    assertFalse(config.toString().contains(PASSWORD), config.toString());
    DisplayData shown = DisplayData.from(TeslaIngestPipeline.read(config));
    assertTrue(shown.items().stream().anyMatch(i -> i.getKey().equals("group.id")), "KafkaIO shows its config");
    shown.items().forEach(i -> assertFalse(String.valueOf(i.getValue()).contains(PASSWORD), i.getKey()));
  }

  @Test
  void theIngestionsOwnSettingsCannotBeOverridden() {
    for (String key : TeslaIngestConfig.RESERVED_KAFKA_PROPERTIES) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> config("t_V", PASSWORD).withKafkaProperties(Map.of(key, "x")));
      assertTrue(e.getMessage().contains(key), e.getMessage());
    }
  }
}
