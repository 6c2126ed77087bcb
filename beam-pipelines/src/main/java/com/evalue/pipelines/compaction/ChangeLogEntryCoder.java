package com.evalue.pipelines.compaction;

import com.evalue.io.archive.ChangeLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A compact coder for the change-log entries grouped by make. The DirectRunner copies a key's whole in-memory bag
 * each time it adds to it, so the grouping is quadratic in the entries per make; with Java serialization
 * ({@code SerializableCoder}) each copy cost microseconds per entry and the grouping took most of a 36 000
 * vehicle-day compaction (docs/benchmarks.md, "Pipeline"). Encoding: vin, epoch day, content digest.
 */
final class ChangeLogEntryCoder extends AtomicCoder<ChangeLog.Entry> {
  private static final ChangeLogEntryCoder INSTANCE = new ChangeLogEntryCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  static ChangeLogEntryCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ChangeLog.Entry e, OutputStream out) throws IOException {
    STRING.encode(e.vin(), out);
    LONG.encode(e.dataDate().toEpochDay(), out);
    STRING.encode(e.contentDigest(), out);
  }

  @Override
  public ChangeLog.Entry decode(InputStream in) throws IOException {
    return new ChangeLog.Entry(STRING.decode(in), LocalDate.ofEpochDay(LONG.decode(in)), STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
