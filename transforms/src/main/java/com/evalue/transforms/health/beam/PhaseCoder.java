package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.segment.Phase;

/** The explicit coder of {@link Phase} (the processed_tss phases row), component by component. */
public final class PhaseCoder extends ColumnSetCoder<Phase> {
  private static final long serialVersionUID = 1L;
  private static final PhaseCoder INSTANCE = new PhaseCoder();

  private PhaseCoder() {}

  public static PhaseCoder of() {
    return INSTANCE;
  }

  @Override
  protected ColumnSet<Phase> columns() {
    return Phase.COLUMNS;
  }
}
