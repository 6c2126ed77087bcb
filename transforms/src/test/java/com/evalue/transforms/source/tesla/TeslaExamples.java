package com.evalue.transforms.source.tesla;

import com.evalue.transforms.source.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** The composed Tesla example of sources.md §2.5 and a matching Kafka transport. */
final class TeslaExamples {
  static final String VIN = "5YJ3E7EB9NF000123";
  static final Instant CREATED_AT = Instant.parse("2025-06-14T09:12:31.482Z");
  static final Instant RECEIVED_AT = Instant.parse("2025-06-14T09:12:33.100Z");
  static final String SOURCE_ID = "tesla_V:00003:00000000000000001234";

  static final String JSON_EXAMPLE = """
      {"data":[{"key":"Soc","value":{"stringValue":"67.418"}},
               {"key":"DCChargingEnergyIn","value":{"stringValue":"18.52"}},
               {"key":"DCChargingPower","value":{"doubleValue":96.4}},
               {"key":"DetailedChargeState","value":{"detailedChargeStateValue":"DetailedChargeStateCharging"}},
               {"key":"EnergyRemaining","value":{"invalid":true}}],
       "createdAt":"2025-06-14T09:12:31.482Z","vin":"5YJ3E7EB9NF000123","isResend":false}
      """;

  private TeslaExamples() {}

  static byte[] json() {
    return JSON_EXAMPLE.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Transport transport() {
    return new Transport(RECEIVED_AT, SOURCE_ID, VIN,
        Map.of("vin", VIN, "receivedat", "1749892352000", "timestamp", "1749892351900", "txtype", "V"),
        Instant.parse("2025-06-14T09:12:32Z"));
  }

  static Transport transport(String keyVin, Map<String, String> headers, Instant recordTimestamp) {
    return new Transport(RECEIVED_AT, SOURCE_ID, keyVin, headers, recordTimestamp);
  }
}
