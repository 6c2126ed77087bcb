package com.evalue.transforms.source.tesla;

import com.evalue.transforms.source.MalformedPayloadException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Reads the binary protobuf {@code Payload} by the field numbers of sources.md §2.2. Unknown fields are skipped and
 * unknown enum numbers kept; a wrong wire type on a known field, or any truncation, makes the payload malformed.
 */
public final class TeslaProtoReader {
  private TeslaProtoReader() {}

  public static TeslaRecord read(byte[] bytes) throws MalformedPayloadException {
    ProtobufReader in = new ProtobufReader(bytes);
    String vin = null;
    Instant createdAt = null;
    boolean resend = false;
    List<TeslaRecord.Datum> data = new ArrayList<>();
    while (!in.atEnd()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          expect(tag, ProtobufReader.LENGTH_DELIMITED, "Payload.data");
          data.add(datum(in.readMessage()));
        }
        case 2 -> {
          expect(tag, ProtobufReader.LENGTH_DELIMITED, "Payload.created_at");
          createdAt = timestamp(in.readMessage());
        }
        case 3 -> {
          expect(tag, ProtobufReader.LENGTH_DELIMITED, "Payload.vin");
          vin = in.readString();
        }
        case 4 -> {
          expect(tag, ProtobufReader.VARINT, "Payload.is_resend");
          resend = in.readVarint() != 0;
        }
        default -> in.skip(tag);
      }
    }
    return new TeslaRecord(vin == null || vin.isEmpty() ? null : vin, createdAt, resend, data);
  }

  private static TeslaRecord.Datum datum(ProtobufReader in) throws MalformedPayloadException {
    int field = 0;
    TeslaValue value = new TeslaValue.None();
    while (!in.atEnd()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          expect(tag, ProtobufReader.VARINT, "Datum.key");
          field = (int) in.readVarint();
        }
        case 2 -> {
          expect(tag, ProtobufReader.LENGTH_DELIMITED, "Datum.value");
          value = value(in.readMessage());
        }
        default -> in.skip(tag);
      }
    }
    return new TeslaRecord.Datum(field, "", value);
  }

  /** One {@code Value}; as in protobuf, the last oneof member on the wire wins. */
  private static TeslaValue value(ProtobufReader in) throws MalformedPayloadException {
    TeslaValue known = null;
    TeslaValue unknown = null;
    while (!in.atEnd()) {
      int tag = in.readTag();
      int number = tag >>> 3;
      switch (number) {
        case TeslaValue.STRING -> {
          expect(tag, ProtobufReader.LENGTH_DELIMITED, "Value.string_value");
          known = new TeslaValue.Text(in.readString());
        }
        case TeslaValue.INT -> {
          expect(tag, ProtobufReader.VARINT, "Value.int_value");
          known = new TeslaValue.Integral(TeslaValue.INT, (int) in.readVarint());
        }
        case TeslaValue.LONG -> {
          expect(tag, ProtobufReader.VARINT, "Value.long_value");
          known = new TeslaValue.Integral(TeslaValue.LONG, in.readVarint());
        }
        case TeslaValue.FLOAT -> {
          expect(tag, ProtobufReader.FIXED32, "Value.float_value");
          known = new TeslaValue.Float32(Float.intBitsToFloat(in.readFixed32()));
        }
        case TeslaValue.DOUBLE -> {
          expect(tag, ProtobufReader.FIXED64, "Value.double_value");
          known = new TeslaValue.Float64(Double.longBitsToDouble(in.readFixed64()));
        }
        case TeslaValue.BOOLEAN -> {
          expect(tag, ProtobufReader.VARINT, "Value.boolean_value");
          known = new TeslaValue.Bool(in.readVarint() != 0);
        }
        case TeslaValue.LOCATION -> {
          expect(tag, ProtobufReader.LENGTH_DELIMITED, "Value.location_value");
          known = location(in.readMessage());
        }
        case TeslaValue.INVALID -> {
          expect(tag, ProtobufReader.VARINT, "Value.invalid");
          known = new TeslaValue.Invalid(in.readVarint() != 0);
        }
        default -> {
          TeslaEnum type = TeslaEnum.ofValueCase(number).orElse(null);
          if (type != null) {
            expect(tag, ProtobufReader.VARINT, "Value." + type.protoName());
            known = new TeslaValue.EnumName(type, type.canonical((int) in.readVarint()));
          } else {
            byte[] raw = in.skip(tag);
            unknown = new TeslaValue.Unknown(number, "", HexFormat.of().formatHex(raw));
          }
        }
      }
    }
    if (known != null) {
      return known;
    }
    return unknown != null ? unknown : new TeslaValue.None();
  }

  private static TeslaValue location(ProtobufReader in) throws MalformedPayloadException {
    double latitude = 0;
    double longitude = 0;
    while (!in.atEnd()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          expect(tag, ProtobufReader.FIXED64, "LocationValue.latitude");
          latitude = Double.longBitsToDouble(in.readFixed64());
        }
        case 2 -> {
          expect(tag, ProtobufReader.FIXED64, "LocationValue.longitude");
          longitude = Double.longBitsToDouble(in.readFixed64());
        }
        default -> in.skip(tag);
      }
    }
    return new TeslaValue.Location(latitude, longitude);
  }

  /** A {@code google.protobuf.Timestamp}; the all-default one (epoch 0) counts as absent. */
  private static @Nullable Instant timestamp(ProtobufReader in) throws MalformedPayloadException {
    long seconds = 0;
    long nanos = 0;
    while (!in.atEnd()) {
      int tag = in.readTag();
      switch (tag >>> 3) {
        case 1 -> {
          expect(tag, ProtobufReader.VARINT, "Timestamp.seconds");
          seconds = in.readVarint();
        }
        case 2 -> {
          expect(tag, ProtobufReader.VARINT, "Timestamp.nanos");
          nanos = (int) in.readVarint();
        }
        default -> in.skip(tag);
      }
    }
    if (seconds == 0 && nanos == 0) {
      return null;
    }
    if (nanos < 0 || nanos > 999_999_999) {
      throw new MalformedPayloadException("tesla_proto: created_at.nanos " + nanos + " is out of range");
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new MalformedPayloadException("tesla_proto: created_at.seconds " + seconds + " is out of range");
    }
  }

  private static void expect(int tag, int wireType, String member) throws MalformedPayloadException {
    if ((tag & 7) != wireType) {
      throw new MalformedPayloadException(
          "tesla_proto: " + member + " has wire type " + (tag & 7) + ", expected " + wireType);
    }
  }
}
