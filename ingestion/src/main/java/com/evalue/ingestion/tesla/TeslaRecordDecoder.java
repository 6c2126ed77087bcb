package com.evalue.ingestion.tesla;

import com.evalue.io.deadletter.DeadLetter;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import com.evalue.transforms.source.tesla.TeslaEnvelopes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Fleet Telemetry record → an {@link Item} (spec: sources.md §2.1, §2.6): the envelope, or a dead letter with
 * the raw bytes and the reason (bad protobuf, bad JSON, VIN missing or not matching the key). Never throws for bad
 * input, so the stream keeps running. Pure: the flush DoFn calls it when it writes the record.
 */
final class TeslaRecordDecoder {
  private TeslaRecordDecoder() {}

  /** spec: sources.md §2.1 — {@code {topic}:{partition, 5 digits}:{offset, 20 digits}}. */
  static String sourceId(String topic, int partition, long offset) {
    StringBuilder sb = new StringBuilder(topic.length() + 27).append(topic).append(':');
    pad(sb, Integer.toString(partition), 5);
    sb.append(':');
    pad(sb, Long.toString(offset), 20);
    return sb.toString();
  }

  private static void pad(StringBuilder sb, String digits, int width) {
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(digits);
  }

  /** {@code tesla.value_format}: protobuf | json | auto (JSON when the first non-blank byte is <code>{</code>). */
  static PayloadFormat formatOf(String valueFormat, byte[] value) {
    return switch (valueFormat) {
      case "json" -> PayloadFormat.TESLA_JSON;
      case "auto" -> TeslaEnvelopes.detectFormat(value);
      default -> PayloadFormat.TESLA_PROTO;
    };
  }

  static List<Item> decode(String topic, int partition, RawRecord r, String valueFormat) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i + 1 < r.headers().size(); i += 2) {
      byte[] name = r.headers().get(i);
      byte[] value = r.headers().get(i + 1);
      headers.put(new String(name, StandardCharsets.UTF_8), value == null ? null
          : new String(value, StandardCharsets.UTF_8));
    }
    String sourceId = sourceId(topic, partition, r.offset());
    Instant receivedAt = Instant.ofEpochMilli(r.receivedAtMs());
    Transport transport = new Transport(receivedAt, sourceId,
        r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), headers,
        r.timestampMs() > 0 ? Instant.ofEpochMilli(r.timestampMs()) : null);
    List<Item> out = new ArrayList<>(1);
    for (Extracted e : EnvelopeExtractor.extract(Make.TESLA, formatOf(valueFormat, r.value()), r.value(),
        transport)) {
      if (e instanceof Extracted.Accepted a) {
        out.add(new Item(r.offset(), a.envelope(), null));
      } else {
        Extracted.Rejected x = (Extracted.Rejected) e;
        out.add(new Item(r.offset(), null, DeadLetter.at("ingestion", Make.TESLA.code(),
            x.vin() == null ? "" : x.vin(), sourceId, x.reason(), r.value(), receivedAt)));
      }
    }
    return out;
  }
}
