package com.evalue.simulate.tesla;

/**
 * Encodes a {@link TeslaPayload} in the binary protobuf form, from the field numbers of sources.md §2.2, the way a
 * proto3 serializer does: fields in number order, scalar fields at their default value omitted, the member of a
 * oneof always written, {@code created_at} as {@code google.protobuf.Timestamp{seconds = 1, nanos = 2}}.
 */
public final class TeslaProtoEncoder {
  private TeslaProtoEncoder() {}

  public static byte[] encode(TeslaPayload payload) {
    ProtoWriter w = new ProtoWriter();
    for (TeslaDatum datum : payload.data()) {
      ProtoWriter d = new ProtoWriter();
      if (datum.key().number() != 0) {
        d.int32(1, datum.key().number());
      }
      d.message(2, value(datum.value()));
      w.message(1, d);
    }
    if (payload.createdAt() != null) {
      ProtoWriter ts = new ProtoWriter();
      long seconds = payload.createdAt().getEpochSecond();
      int nanos = payload.createdAt().getNano();
      if (seconds != 0) {
        ts.int64(1, seconds);
      }
      if (nanos != 0) {
        ts.int32(2, nanos);
      }
      w.message(2, ts);
    }
    if (payload.vin() != null && !payload.vin().isEmpty()) {
      w.string(3, payload.vin());
    }
    if (payload.isResend()) {
      w.bool(4, true);
    }
    return w.toByteArray();
  }

  static ProtoWriter value(TeslaValue value) {
    ProtoWriter v = new ProtoWriter();
    if (value instanceof TeslaValue.StringValue s) {
      v.string(1, s.value());
    } else if (value instanceof TeslaValue.IntValue i) {
      v.int32(2, i.value());
    } else if (value instanceof TeslaValue.LongValue l) {
      v.int64(3, l.value());
    } else if (value instanceof TeslaValue.FloatValue f) {
      v.floatField(4, f.value());
    } else if (value instanceof TeslaValue.DoubleValue d) {
      v.doubleField(5, d.value());
    } else if (value instanceof TeslaValue.BooleanValue b) {
      v.bool(6, b.value());
    } else if (value instanceof TeslaValue.Invalid) {
      v.bool(10, true);
    } else if (value instanceof TeslaValue.EnumValue e) {
      v.int32(e.type().oneofField(), e.number());
    } else {
      throw new IllegalArgumentException("unsupported value " + value);
    }
    return v;
  }
}
