package com.evalue.transforms.source;

import com.evalue.transforms.model.Timestamps;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Explicit, deterministic Beam coder for {@link SignalValue}. Numbers are written as their canonical IEEE-754 bits
 * ({@link Double#doubleToLongBits}, one NaN), so equal values always encode to equal bytes.
 */
public final class SignalValueCoder extends AtomicCoder<SignalValue> {
  private static final SignalValueCoder INSTANCE = new SignalValueCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  private static final int NUMBER = 1;
  private static final int TEXT = 2;
  private static final int INVALID = 3;

  public static SignalValueCoder of() {
    return INSTANCE;
  }

  private SignalValueCoder() {}

  @Override
  public void encode(SignalValue v, OutputStream out) throws IOException {
    if (v == null) {
      throw new CoderException("cannot encode a null SignalValue");
    }
    STRING.encode(v.vin(), out);
    LONG.encode(Timestamps.toEpochMicros(v.timestamp()), out);
    STRING.encode(v.signal(), out);
    if (v.number() != null) {
      out.write(NUMBER);
      new DataOutputStream(out).writeLong(Double.doubleToLongBits(v.number()));
    } else if (v.text() != null) {
      out.write(TEXT);
      STRING.encode(v.text(), out);
    } else {
      out.write(INVALID);
    }
    LONG.encode(Timestamps.toEpochMicros(v.receivedAt()), out);
    STRING.encode(v.sourceId(), out);
  }

  @Override
  public SignalValue decode(InputStream in) throws IOException {
    String vin = STRING.decode(in);
    long timestamp = LONG.decode(in);
    String signal = STRING.decode(in);
    int kind = in.read();
    Double number = null;
    String text = null;
    boolean invalid = false;
    switch (kind) {
      case NUMBER -> number = Double.longBitsToDouble(new DataInputStream(in).readLong());
      case TEXT -> text = STRING.decode(in);
      case INVALID -> invalid = true;
      default -> throw new CoderException("unknown SignalValue kind " + kind);
    }
    long receivedAt = LONG.decode(in);
    String sourceId = STRING.decode(in);
    return new SignalValue(vin, Timestamps.fromEpochMicros(timestamp), signal, number, text, invalid,
        Timestamps.fromEpochMicros(receivedAt), sourceId);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of();
  }
}
