package com.evalue.simulate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tiny, independent protobuf wire reader for the tests: varints, fixed32/64 and length-delimited fields. */
public final class ProtoReader {
  public record Field(int number, int wireType, long varint, long fixed, byte[] bytes) {
    public String string() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public double asDouble() {
      return Double.longBitsToDouble(fixed);
    }

    public float asFloat() {
      return Float.intBitsToFloat((int) fixed);
    }
  }

  private final byte[] b;
  private int pos;

  private ProtoReader(byte[] b) {
    this.b = b;
  }

  /** All fields of one message; throws IllegalArgumentException when the bytes are truncated or invalid. */
  public static List<Field> parse(byte[] bytes) {
    ProtoReader r = new ProtoReader(bytes);
    List<Field> out = new ArrayList<>();
    while (r.pos < bytes.length) {
      long tag = r.varint();
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (wire) {
        case 0 -> out.add(new Field(number, wire, r.varint(), 0, null));
        case 1 -> out.add(new Field(number, wire, 0, r.fixed(8), null));
        case 5 -> out.add(new Field(number, wire, 0, r.fixed(4), null));
        case 2 -> {
          long len = r.varint();
          if (len < 0 || r.pos + len > bytes.length) {
            throw new IllegalArgumentException("truncated length-delimited field " + number);
          }
          byte[] sub = java.util.Arrays.copyOfRange(bytes, r.pos, r.pos + (int) len);
          r.pos += (int) len;
          out.add(new Field(number, wire, 0, 0, sub));
        }
        default -> throw new IllegalArgumentException("bad wire type " + wire);
      }
    }
    return out;
  }

  /** Splits a length-delimited stream (varint length + bytes per record). */
  public static List<byte[]> delimited(byte[] file) {
    ProtoReader r = new ProtoReader(file);
    List<byte[]> out = new ArrayList<>();
    while (r.pos < file.length) {
      int len = (int) r.varint();
      if (r.pos + len > file.length) {
        throw new IllegalArgumentException("stream ends inside a record");
      }
      out.add(java.util.Arrays.copyOfRange(file, r.pos, r.pos + len));
      r.pos += len;
    }
    return out;
  }

  private long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= b.length) {
        throw new IllegalArgumentException("truncated varint");
      }
      int x = b[pos++] & 0xFF;
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("varint too long");
  }

  private long fixed(int n) {
    if (pos + n > b.length) {
      throw new IllegalArgumentException("truncated fixed field");
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (b[pos++] & 0xFF) << (8 * i);
    }
    return v;
  }
}
