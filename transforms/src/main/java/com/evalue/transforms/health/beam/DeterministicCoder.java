package com.evalue.transforms.health.beam;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * The common frame of the health stages' explicit coders: deterministic (the values are written field by field in
 * a fixed order, maps sorted; see {@link ValueCodec}), consistent with {@code equals}, no component coders, and a
 * clear error for a null value instead of a stream that fails later.
 */
abstract class DeterministicCoder<T> extends AtomicCoder<T> {
  private static final long serialVersionUID = 1L;

  /** The coded type's name, for errors. */
  protected abstract String typeName();

  /** Writes a value that is not null. */
  protected abstract void encodeValue(T value, OutputStream out) throws IOException;

  @Override
  public final void encode(T value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null " + typeName());
    }
    encodeValue(value, out);
  }

  @Override
  public final void verifyDeterministic() {}

  @Override
  public final boolean consistentWithEquals() {
    return true;
  }

  @Override
  public final List<? extends Coder<?>> getCoderArguments() {
    return List.of();
  }
}
