package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.rawtss.RawTssRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;

/** The explicit, deterministic coder of {@link RawTssRow}: fixed columns, sorted signal map, invalid list. */
public final class RawTssRowCoder extends AtomicCoder<RawTssRow> {
  private static final long serialVersionUID = 1L;
  private static final RawTssRowCoder INSTANCE = new RawTssRowCoder();

  private RawTssRowCoder() {}

  public static RawTssRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawTssRow row, OutputStream out) throws IOException {
    if (row == null) {
      throw new CoderException("cannot encode a null RawTssRow");
    }
    ValueCodec.writeString(row.vin(), out);
    ValueCodec.writeInstant(row.timestamp(), out);
    ValueCodec.writeDate(row.dataDate(), out);
    ValueCodec.writeInstant(row.receivedAt(), out);
    ValueCodec.writeSignals(row.values(), out);
    ValueCodec.writeStrings(row.invalidSignals(), out);
  }

  @Override
  public RawTssRow decode(InputStream in) throws IOException {
    return new RawTssRow(ValueCodec.readString(in), ValueCodec.readInstant(in), ValueCodec.readDate(in),
        ValueCodec.readInstant(in), ValueCodec.readSignals(in), ValueCodec.readStrings(in));
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
