package com.evalue.transforms.source.tesla;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A tiny, test-only protobuf writer, to build Tesla payloads independently of the reader under test. */
final class ProtoTestEncoder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoTestEncoder varint(int field, long value) {
    tag(field, 0);
    rawVarint(value);
    return this;
  }

  ProtoTestEncoder fixed64(int field, long bits) {
    tag(field, 1);
    for (int i = 0; i < 8; i++) {
      out.write((int) (bits >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  ProtoTestEncoder fixed32(int field, int bits) {
    tag(field, 5);
    for (int i = 0; i < 4; i++) {
      out.write((bits >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  ProtoTestEncoder doubleField(int field, double v) {
    return fixed64(field, Double.doubleToLongBits(v));
  }

  ProtoTestEncoder floatField(int field, float v) {
    return fixed32(field, Float.floatToIntBits(v));
  }

  ProtoTestEncoder bytes(int field, byte[] value) {
    tag(field, 2);
    rawVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoTestEncoder string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoTestEncoder message(int field, ProtoTestEncoder nested) {
    return bytes(field, nested.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  // --- Tesla Payload helpers (field numbers of sources.md §2.2) ---

  static ProtoTestEncoder payload() {
    return new ProtoTestEncoder();
  }

  ProtoTestEncoder datum(int key, ProtoTestEncoder value) {
    return message(1, new ProtoTestEncoder().varint(1, key).message(2, value));
  }

  ProtoTestEncoder createdAt(long seconds, int nanos) {
    return message(2, new ProtoTestEncoder().varint(1, seconds).varint(2, nanos));
  }

  ProtoTestEncoder vin(String vin) {
    return string(3, vin);
  }

  ProtoTestEncoder resend(boolean resend) {
    return varint(4, resend ? 1 : 0);
  }

  static ProtoTestEncoder stringValue(String s) {
    return new ProtoTestEncoder().string(1, s);
  }

  static ProtoTestEncoder doubleValue(double d) {
    return new ProtoTestEncoder().doubleField(5, d);
  }

  static ProtoTestEncoder floatValue(float f) {
    return new ProtoTestEncoder().floatField(4, f);
  }

  static ProtoTestEncoder invalidValue() {
    return new ProtoTestEncoder().varint(10, 1);
  }

  static ProtoTestEncoder enumValue(int valueCase, int number) {
    return new ProtoTestEncoder().varint(valueCase, number);
  }

  /** The composed example of sources.md §2.5 in protobuf form. */
  static byte[] specExample(boolean resend) {
    ProtoTestEncoder p = payload()
        .datum(8, stringValue("67.418"))
        .datum(34, stringValue("18.52"))
        .datum(35, doubleValue(96.4))
        .datum(179, enumValue(32, 4))
        .datum(158, invalidValue())
        .createdAt(1749892351L, 482000000)
        .vin("5YJ3E7EB9NF000123");
    if (resend) {
      p.resend(true);
    }
    return p.toByteArray();
  }
}
