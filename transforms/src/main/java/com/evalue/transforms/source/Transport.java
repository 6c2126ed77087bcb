package com.evalue.transforms.source;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * How one native message reached us: the facts of its transport, not of its payload (spec: sources.md §1.1, §2.1).
 *
 * @param receivedAt our clock when the message was received (UTC)
 * @param sourceId transport position, e.g. {@code tesla_V:00003:00000000000000001234}, {@code poll:…}, {@code push:…}
 * @param keyVin the Kafka record key (a VIN) when the transport has one; a payload VIN must agree with it (§1.2)
 * @param headers Kafka record headers ({@code vin}, {@code receivedat}, {@code timestamp}, …); names are matched
 *     case-insensitively
 * @param transportTimestamp the Kafka record timestamp, the last event-time fallback before {@code receivedAt}
 */
public record Transport(
    Instant receivedAt,
    String sourceId,
    @Nullable String keyVin,
    Map<String, String> headers,
    @Nullable Instant transportTimestamp) {

  public Transport {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(sourceId, "sourceId");
    Map<String, String> present = new LinkedHashMap<>();
    if (headers != null) {
      // Kafka headers may carry null values; they count as absent
      headers.forEach((k, v) -> {
        if (k != null && v != null) {
          present.put(k, v);
        }
      });
    }
    headers = Collections.unmodifiableMap(present);
  }

  /** A transport without key, headers or record timestamp: polled and pushed sources. */
  public static Transport of(Instant receivedAt, String sourceId) {
    return new Transport(receivedAt, sourceId, null, Map.of(), null);
  }

  /** The header value of {@code name}, matched case-insensitively; blank values count as absent. */
  public Optional<String> header(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().toLowerCase(Locale.ROOT).equals(wanted) && !h.getValue().isBlank()) {
        return Optional.of(h.getValue().trim());
      }
    }
    return Optional.empty();
  }

  /** The transport key, when there is a non-blank one. */
  public Optional<String> key() {
    return keyVin == null || keyVin.isBlank() ? Optional.empty() : Optional.of(keyVin.trim());
  }
}
