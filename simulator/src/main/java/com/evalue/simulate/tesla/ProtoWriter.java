package com.evalue.simulate.tesla;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal proto3 wire-format writer: varint tags ({@code field << 3 | wire type}), varints, fixed 32/64-bit
 * little-endian values and length-delimited fields. Negative int32/int64 values are written as 10-byte varints,
 * as protobuf does.
 */
public final class ProtoWriter {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private byte[] buf = new byte[64];
  private int size;

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public ProtoWriter varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    put((byte) v);
    return this;
  }

  public ProtoWriter tag(int field, int wireType) {
    return varint(((long) field << 3) | wireType);
  }

  /** int32 and enum fields; a negative value is sign-extended to 64 bits. */
  public ProtoWriter int32(int field, int value) {
    return tag(field, VARINT).varint(value);
  }

  public ProtoWriter int64(int field, long value) {
    return tag(field, VARINT).varint(value);
  }

  public ProtoWriter bool(int field, boolean value) {
    return tag(field, VARINT).varint(value ? 1 : 0);
  }

  public ProtoWriter doubleField(int field, double value) {
    tag(field, FIXED64);
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; i++) {
      put((byte) (bits >>> (8 * i)));
    }
    return this;
  }

  public ProtoWriter floatField(int field, float value) {
    tag(field, FIXED32);
    int bits = Float.floatToRawIntBits(value);
    for (int i = 0; i < 4; i++) {
      put((byte) (bits >>> (8 * i)));
    }
    return this;
  }

  public ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  public ProtoWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED).varint(value.length);
    put(value, value.length);
    return this;
  }

  public ProtoWriter message(int field, ProtoWriter nested) {
    tag(field, LENGTH_DELIMITED).varint(nested.size);
    put(nested.buf, nested.size);
    return this;
  }

  /** Appends {@code varint(length) + bytes}: one record of a length-delimited stream. */
  public ProtoWriter delimited(byte[] record) {
    varint(record.length);
    put(record, record.length);
    return this;
  }

  private void put(byte b) {
    ensure(1);
    buf[size++] = b;
  }

  private void put(byte[] b, int len) {
    ensure(len);
    System.arraycopy(b, 0, buf, size, len);
    size += len;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
