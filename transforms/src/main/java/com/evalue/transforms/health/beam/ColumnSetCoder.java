package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.ColumnSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An explicit, deterministic coder for a record described by a {@link ColumnSet}: its components in order, each
 * with a presence byte (see {@link ValueCodec}). Subclasses name the record's column set.
 */
abstract class ColumnSetCoder<R extends Record> extends DeterministicCoder<R> {
  private static final long serialVersionUID = 1L;

  protected abstract ColumnSet<R> columns();

  @Override
  protected String typeName() {
    return columns().type().getSimpleName();
  }

  @Override
  protected void encodeValue(R value, OutputStream out) throws IOException {
    ColumnSet<R> cols = columns();
    int n = cols.columns().size();
    for (int i = 0; i < n; i++) {
      ValueCodec.writeComponent(cols.javaType(i), cols.component(value, i), out);
    }
  }

  @Override
  public R decode(InputStream in) throws IOException {
    ColumnSet<R> cols = columns();
    int n = cols.columns().size();
    Object[] args = new Object[n];
    for (int i = 0; i < n; i++) {
      args[i] = ValueCodec.readComponent(cols.javaType(i), in);
    }
    return cols.construct(args);
  }
}
