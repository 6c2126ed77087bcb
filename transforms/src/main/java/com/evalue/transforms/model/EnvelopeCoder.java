package com.evalue.transforms.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Explicit, deterministic Beam coder for {@link Envelope} (no Java serialisation on the hot path). */
public final class EnvelopeCoder extends AtomicCoder<Envelope> {
  private static final EnvelopeCoder INSTANCE = new EnvelopeCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  public static EnvelopeCoder of() {
    return INSTANCE;
  }

  private EnvelopeCoder() {}

  @Override
  public void encode(Envelope e, OutputStream out) throws IOException {
    STRING.encode(e.vin(), out);
    STRING.encode(e.make().code(), out);
    LONG.encode(Timestamps.toEpochMicros(e.eventTime()), out);
    LONG.encode(Timestamps.toEpochMicros(e.receivedAt()), out);
    STRING.encode(e.payloadFormat().code(), out);
    BYTES.encode(e.payload(), out);
    STRING.encode(e.sourceId(), out);
    STRING.encode(e.contentHash(), out);
  }

  @Override
  public Envelope decode(InputStream in) throws IOException {
    String vin = STRING.decode(in);
    String make = STRING.decode(in);
    long event = LONG.decode(in);
    long received = LONG.decode(in);
    String format = STRING.decode(in);
    byte[] payload = BYTES.decode(in);
    String sourceId = STRING.decode(in);
    String hash = STRING.decode(in);
    return new Envelope(
        vin,
        Make.fromCode(make).orElseThrow(() -> new CoderException("unknown make " + make)),
        Timestamps.fromEpochMicros(event),
        Timestamps.fromEpochMicros(received),
        PayloadFormat.fromCode(format).orElseThrow(() -> new CoderException("unknown format " + format)),
        payload,
        sourceId,
        hash);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public List<? extends org.apache.beam.sdk.coders.Coder<?>> getCoderArguments() {
    return List.of();
  }
}
