package com.evalue.transforms.source;

import com.evalue.transforms.model.EnvelopeCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Explicit, deterministic Beam coder for {@link DecodeFailure}. */
public final class DecodeFailureCoder extends AtomicCoder<DecodeFailure> {
  private static final DecodeFailureCoder INSTANCE = new DecodeFailureCoder();

  public static DecodeFailureCoder of() {
    return INSTANCE;
  }

  private DecodeFailureCoder() {}

  @Override
  public void encode(DecodeFailure f, OutputStream out) throws IOException {
    EnvelopeCoder.of().encode(f.envelope(), out);
    StringUtf8Coder.of().encode(f.reason(), out);
  }

  @Override
  public DecodeFailure decode(InputStream in) throws IOException {
    return new DecodeFailure(EnvelopeCoder.of().decode(in), StringUtf8Coder.of().decode(in));
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
