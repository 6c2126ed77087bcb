package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.rawtss.RawTssRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The explicit, deterministic coder of {@link RawTssRow}: fixed columns, sorted signal map, invalid list. */
public final class RawTssRowCoder extends DeterministicCoder<RawTssRow> {
  private static final long serialVersionUID = 1L;
  private static final RawTssRowCoder INSTANCE = new RawTssRowCoder();

  private RawTssRowCoder() {}

  public static RawTssRowCoder of() {
    return INSTANCE;
  }

  @Override
  protected String typeName() {
    return "RawTssRow";
  }

  @Override
  protected void encodeValue(RawTssRow row, OutputStream out) throws IOException {
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
}
