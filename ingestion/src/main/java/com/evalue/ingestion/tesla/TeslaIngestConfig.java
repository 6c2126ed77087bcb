package com.evalue.ingestion.tesla;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

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
 */
public record TeslaIngestConfig(String bootstrapServers, String topic, String valueFormat, String warehouseRoot,
    String writerId, int maxEnvelopes, Duration maxAge, boolean untilEndOffsets) implements Serializable {
  public static final String GROUP_ID = "evalue-tesla-ingestion";

  public TeslaIngestConfig {
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
        Duration.ofSeconds(30), false);
  }

  public TeslaIngestConfig withValueFormat(String f) {
    return new TeslaIngestConfig(bootstrapServers, topic, f, warehouseRoot, writerId, maxEnvelopes, maxAge,
        untilEndOffsets);
  }

  public TeslaIngestConfig withFlushRules(int envelopes, Duration age) {
    return new TeslaIngestConfig(bootstrapServers, topic, valueFormat, warehouseRoot, writerId, envelopes, age,
        untilEndOffsets);
  }

  public TeslaIngestConfig withUntilEndOffsets(boolean b) {
    return new TeslaIngestConfig(bootstrapServers, topic, valueFormat, warehouseRoot, writerId, maxEnvelopes, maxAge,
        b);
  }
}
