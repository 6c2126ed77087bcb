package com.evalue.transforms.source.tesla;

import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.model.Vin;
import com.evalue.transforms.source.EnvelopeRules;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.MalformedPayloadException;
import com.evalue.transforms.source.Transport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One Kafka record of topic {@code <ns>_V} → one envelope (spec: sources.md §2.1, §2.6). The payload is stored as
 * received; the content hash is over the decoded content, so both encodings of a record hash alike.
 */
public final class TeslaEnvelopes {
  private TeslaEnvelopes() {}

  public static List<Extracted> extract(PayloadFormat format, byte[] message, Transport transport) {
    TeslaRecord record;
    try {
      record = read(format, message);
    } catch (MalformedPayloadException e) {
      return List.of(new Extracted.Rejected(message, e.getMessage(), transport.key().orElse(null)));
    }
    // spec: sources.md §2.1 — the payload VIN, else the `vin` header, else the record key
    String rawVin = Optional.ofNullable(record.vin())
        .or(() -> transport.header("vin"))
        .or(transport::key)
        .orElse(null);
    Instant eventTime = eventTime(record, transport);
    String hash = Vin.normalize(rawVin)
        .map(vin -> TeslaContentHash.of(vin, eventTime, record.data()))
        .orElse("");
    return List.of(EnvelopeRules.envelope(
        Make.TESLA, format, message, rawVin, eventTime, transport.sourceId(), hash, transport));
  }

  /** Reads either encoding into the common record. */
  public static TeslaRecord read(PayloadFormat format, byte[] payload) throws MalformedPayloadException {
    return switch (format) {
      case TESLA_PROTO -> TeslaProtoReader.read(payload);
      case TESLA_JSON -> TeslaJsonReader.read(payload);
      default -> throw new MalformedPayloadException(format.code() + " is not a Tesla payload format");
    };
  }

  /**
   * spec: sources.md §2.6.1 — {@code created_at}; header {@code timestamp}; header {@code receivedat}; the Kafka
   * record timestamp; else our {@code received_at} (§1.3). Header values follow the epoch-digit rule of §1.3.
   */
  public static Instant eventTime(TeslaRecord record, Transport transport) {
    if (record.createdAt() != null) {
      return record.createdAt();
    }
    return transport.header("timestamp").flatMap(EnvelopeRules::fromEpochText)
        .or(() -> transport.header("receivedat").flatMap(EnvelopeRules::fromEpochText))
        .or(() -> Optional.ofNullable(transport.transportTimestamp()))
        .orElse(transport.receivedAt());
  }

  /**
   * {@code tesla.value_format = auto} (§2.1): JSON when the first non-blank byte is <code>{</code>, else protobuf.
   */
  public static PayloadFormat detectFormat(byte[] value) {
    for (byte b : value) {
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        continue;
      }
      return b == '{' ? PayloadFormat.TESLA_JSON : PayloadFormat.TESLA_PROTO;
    }
    return PayloadFormat.TESLA_PROTO;
  }
}
