package com.evalue.ingestion.tesla;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.kafka.common.header.Header;

/**
 * One Kafka record as received, not yet decoded: what the buffer holds until its VIN is flushed (spec: sources.md
 * §1.6). Decoding happens once, when the record is written ({@link TeslaRecordDecoder}).
 *
 * @param offset Kafka offset
 * @param timestampMs the Kafka record timestamp (0 when none)
 * @param receivedAtMs our clock when the record was read: the envelope's {@code received_at}
 * @param key the record key (the VIN), null when none
 * @param value the record value, as received
 * @param headers header names and values as received, in order ({@code [name0, value0, name1, value1, …]},
 *     UTF-8; a null value stays null)
 */
record RawRecord(long offset, long timestampMs, long receivedAtMs, @Nullable byte[] key, byte[] value,
    List<byte[]> headers) {

  static RawRecord of(KafkaRecord<byte[], byte[]> r, long receivedAtMs) {
    List<byte[]> headers = new ArrayList<>();
    if (r.getHeaders() != null) {
      for (Header h : r.getHeaders()) {
        headers.add(h.key().getBytes(StandardCharsets.UTF_8));
        headers.add(h.value());
      }
    }
    byte[] value = r.getKV().getValue();
    return new RawRecord(r.getOffset(), Math.max(0, r.getTimestamp()), receivedAtMs, r.getKV().getKey(),
        value == null ? new byte[0] : value, headers);
  }

  /**
   * The buffer key: the record key (the VIN, spec §2.1), trimmed and upper-cased (§1.2). A record without one is
   * buffered under {@code "~"} and decoded like any other when written.
   */
  String bufferKey() {
    if (key == null) {
      return "~";
    }
    String k = new String(key, StandardCharsets.UTF_8).trim().toUpperCase(Locale.ROOT);
    return k.isEmpty() ? "~" : k;
  }

  /** About the encoded size, to size buffers. */
  int size() {
    int n = 40 + value.length + (key == null ? 0 : key.length);
    for (byte[] h : headers) {
      n += 4 + (h == null ? 0 : h.length);
    }
    return n;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeLong(offset);
    out.writeLong(timestampMs);
    out.writeLong(receivedAtMs);
    bytes(out, key);
    bytes(out, value);
    out.writeInt(headers.size());
    for (byte[] h : headers) {
      bytes(out, h);
    }
  }

  static RawRecord read(DataInputStream in) throws IOException {
    long offset = in.readLong();
    long timestamp = in.readLong();
    long received = in.readLong();
    byte[] key = bytes(in);
    byte[] value = bytes(in);
    int n = in.readInt();
    List<byte[]> headers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      headers.add(bytes(in));
    }
    return new RawRecord(offset, timestamp, received, key, value == null ? new byte[0] : value, headers);
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
