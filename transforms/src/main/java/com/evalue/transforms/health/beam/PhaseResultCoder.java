package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.estimate.PhaseResult;

/** The explicit coder of {@link PhaseResult} (the raw_results row), component by component. */
public final class PhaseResultCoder extends ColumnSetCoder<PhaseResult> {
  private static final long serialVersionUID = 1L;
  private static final PhaseResultCoder INSTANCE = new PhaseResultCoder();

  private PhaseResultCoder() {}

  public static PhaseResultCoder of() {
    return INSTANCE;
  }

  @Override
  protected ColumnSet<PhaseResult> columns() {
    return PhaseResult.COLUMNS;
  }
}
