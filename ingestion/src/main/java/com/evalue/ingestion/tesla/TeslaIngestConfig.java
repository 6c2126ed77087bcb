package com.evalue.ingestion.tesla;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Settings of the Tesla Fleet Telemetry ingestion (spec: sources.md §2.1, §1.6).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic the {@code <namespace>_V} topic
 * @param valueFormat {@code tesla.value_format}: {@code protobuf} | {@code json} | {@code auto}
 * @param warehouseRoot the warehouse (local directory or {@code s3://…})
 * @param writerId the temp-object writer id (storage.md §2.2)
 * @param maxEnvelopes flush a VIN at this many buffered envelopes (§1.6: 1000)
 * @param maxAge flush a VIN this long after its first unflushed envelope (§1.6: 30 s)
 * @param untilEndOffsets bounded catch-up: read to the end offsets seen at start, then stop
 * @param kafkaProperties further Kafka client settings for every client of the ingestion (consumers and Admin
 *     clients): security ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), timeouts, client id
 */
public record TeslaIngestConfig(String bootstrapServers, String topic, String valueFormat, String warehouseRoot,
    String writerId, int maxEnvelopes, Duration maxAge, boolean untilEndOffsets,
    SortedMap<String, String> kafkaProperties) implements Serializable {
  public static final String GROUP_ID = "evalue-tesla-ingestion";
  /** Settings the ingestion's correctness depends on (group, manual commits, raw bytes): not to be overridden. */
  public static final Set<String> RESERVED_KAFKA_PROPERTIES = Set.of("bootstrap.servers", "group.id",
      "enable.auto.commit", "auto.offset.reset", "key.deserializer", "value.deserializer");

  public TeslaIngestConfig {
    kafkaProperties = Collections.unmodifiableSortedMap(
        kafkaProperties == null ? new TreeMap<>() : new TreeMap<>(kafkaProperties));
    for (String key : kafkaProperties.keySet()) {
      if (RESERVED_KAFKA_PROPERTIES.contains(key)) {
        throw new IllegalArgumentException("Kafka property " + key + " is set by the ingestion itself"
            + (key.equals("bootstrap.servers") ? " (use --bootstrap-servers)" : ""));
      }
    }
    valueFormat = valueFormat == null ? "protobuf" : valueFormat.toLowerCase(Locale.ROOT);
    if (!valueFormat.equals("protobuf") && !valueFormat.equals("json") && !valueFormat.equals("auto")) {
      throw new IllegalArgumentException("tesla.value_format must be protobuf, json or auto: " + valueFormat);
    }
    if (maxEnvelopes < 1) {
      throw new IllegalArgumentException("maxEnvelopes must be positive");
    }
  }

  public static TeslaIngestConfig defaults(String bootstrapServers, String topic, String warehouseRoot,
      String writerId) {
    return new TeslaIngestConfig(bootstrapServers, topic, "protobuf", warehouseRoot, writerId, 1000,
        Duration.ofSeconds(30), false, new TreeMap<>());
  }

  /** Shows only the names of {@link #kafkaProperties}: their values may be credentials ({@code sasl.jaas.config}). */
  @Override
  public String toString() {
    return "TeslaIngestConfig[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", valueFormat="
        + valueFormat + ", warehouseRoot=" + warehouseRoot + ", writerId=" + writerId + ", maxEnvelopes="
        + maxEnvelopes + ", maxAge=" + maxAge + ", untilEndOffsets=" + untilEndOffsets + ", kafkaProperties="
        + kafkaProperties.keySet() + "]";
  }

  /** The settings of an Admin client of the ingestion: the bootstrap servers and {@link #kafkaProperties}. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.putAll(kafkaProperties);
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }

  public TeslaIngestConfig withKafkaProperties(Map<String, String> properties) {
    return new TeslaIngestConfig(bootstrapServers, topic, valueFormat, warehouseRoot, writerId, maxEnvelopes, maxAge,
        untilEndOffsets, new TreeMap<>(properties));
  }

  public TeslaIngestConfig withValueFormat(String f) {
    return new TeslaIngestConfig(bootstrapServers, topic, f, warehouseRoot, writerId, maxEnvelopes, maxAge,
        untilEndOffsets, kafkaProperties);
  }

  public TeslaIngestConfig withFlushRules(int envelopes, Duration age) {
    return new TeslaIngestConfig(bootstrapServers, topic, valueFormat, warehouseRoot, writerId, envelopes, age,
        untilEndOffsets, kafkaProperties);
  }

  public TeslaIngestConfig withUntilEndOffsets(boolean b) {
    return new TeslaIngestConfig(bootstrapServers, topic, valueFormat, warehouseRoot, writerId, maxEnvelopes, maxAge,
        b, kafkaProperties);
  }
}
