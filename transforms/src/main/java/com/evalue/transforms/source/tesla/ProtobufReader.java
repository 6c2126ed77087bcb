package com.evalue.transforms.source.tesla;

import com.evalue.transforms.source.MalformedPayloadException;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protobuf wire-format reader (varint, 64-bit, length-delimited, 32-bit, and skipping of groups), enough to
 * read the Tesla {@code Payload} by field number without generated code (spec: sources.md §2.2: unknown fields and
 * enum numbers must be tolerated). Every overrun is reported as a one-line {@link MalformedPayloadException}.
 */
final class ProtobufReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int START_GROUP = 3;
  static final int END_GROUP = 4;
  static final int FIXED32 = 5;

  private static final int MAX_GROUP_DEPTH = 64;

  private final byte[] buf;
  private final int base;
  private final int limit;
  private int pos;

  ProtobufReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  private ProtobufReader(byte[] buf, int offset, int end) {
    this.buf = buf;
    this.base = offset;
    this.pos = offset;
    this.limit = end;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  /** Reads a tag; its field number is {@code tag >>> 3} and its wire type {@code tag & 7}. */
  int readTag() throws MalformedPayloadException {
    int at = pos;
    long tag = readVarint();
    long field = tag >>> 3;
    if (field < 1 || field > 0x1FFF_FFFFL) {
      throw malformed("invalid field number " + field + " at byte " + at);
    }
    int wireType = (int) (tag & 7);
    if (wireType > FIXED32) {
      throw malformed("invalid wire type " + wireType + " for field " + field + " at byte " + at);
    }
    return (int) tag;
  }

  long readVarint() throws MalformedPayloadException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw malformed("truncated varint at byte " + pos);
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw malformed("varint longer than 10 bytes at byte " + pos);
  }

  long readFixed64() throws MalformedPayloadException {
    require(8, "64-bit value");
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xFFL);
    }
    pos += 8;
    return v;
  }

  int readFixed32() throws MalformedPayloadException {
    require(4, "32-bit value");
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xFF);
    }
    pos += 4;
    return v;
  }

  /** A reader over the next length-delimited field, which this reader then skips. */
  ProtobufReader readMessage() throws MalformedPayloadException {
    int length = readLength();
    ProtobufReader sub = new ProtobufReader(buf, pos, pos + length);
    pos += length;
    return sub;
  }

  byte[] readBytes() throws MalformedPayloadException {
    int length = readLength();
    byte[] out = new byte[length];
    System.arraycopy(buf, pos, out, 0, length);
    pos += length;
    return out;
  }

  String readString() throws MalformedPayloadException {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  /** Skips the value of a field with the given tag, nested groups included, and returns its raw bytes. */
  byte[] skip(int tag) throws MalformedPayloadException {
    int start = pos;
    skipValue(tag, 0);
    byte[] raw = new byte[pos - start];
    System.arraycopy(buf, start, raw, 0, raw.length);
    return raw;
  }

  private void skipValue(int tag, int depth) throws MalformedPayloadException {
    switch (tag & 7) {
      case VARINT -> readVarint();
      case FIXED64 -> {
        require(8, "64-bit value");
        pos += 8;
      }
      case LENGTH_DELIMITED -> {
        int length = readLength();
        pos += length;
      }
      case FIXED32 -> {
        require(4, "32-bit value");
        pos += 4;
      }
      case START_GROUP -> {
        if (depth >= MAX_GROUP_DEPTH) {
          throw malformed("groups nested deeper than " + MAX_GROUP_DEPTH);
        }
        int field = tag >>> 3;
        while (true) {
          if (atEnd()) {
            throw malformed("truncated group of field " + field);
          }
          int inner = readTag();
          if ((inner & 7) == END_GROUP) {
            if ((inner >>> 3) != field) {
              throw malformed("group of field " + field + " closed by field " + (inner >>> 3));
            }
            return;
          }
          skipValue(inner, depth + 1);
        }
      }
      case END_GROUP -> throw malformed("unexpected end-group of field " + (tag >>> 3) + " at byte " + pos);
      default -> throw malformed("invalid wire type " + (tag & 7));
    }
  }

  private int readLength() throws MalformedPayloadException {
    int at = pos;
    long length = readVarint();
    if (length < 0 || length > limit - pos) {
      throw malformed("truncated length-delimited field at byte " + at + ": " + length + " bytes declared, "
          + (limit - pos) + " left");
    }
    return (int) length;
  }

  private void require(int bytes, String what) throws MalformedPayloadException {
    if (limit - pos < bytes) {
      throw malformed("truncated " + what + " at byte " + pos);
    }
  }

  private MalformedPayloadException malformed(String why) {
    return new MalformedPayloadException("tesla_proto: " + why);
  }

  @Override
  public String toString() {
    return "ProtobufReader{" + (pos - base) + "/" + (limit - base) + "}";
  }
}
