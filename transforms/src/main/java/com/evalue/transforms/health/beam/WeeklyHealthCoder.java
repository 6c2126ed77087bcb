package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.weekly.WeeklyHealth;

/** The explicit coder of {@link WeeklyHealth} (the processed_results row), component by component. */
public final class WeeklyHealthCoder extends ColumnSetCoder<WeeklyHealth> {
  private static final long serialVersionUID = 1L;
  private static final WeeklyHealthCoder INSTANCE = new WeeklyHealthCoder();

  private WeeklyHealthCoder() {}

  public static WeeklyHealthCoder of() {
    return INSTANCE;
  }

  @Override
  protected ColumnSet<WeeklyHealth> columns() {
    return WeeklyHealth.COLUMNS;
  }
}
