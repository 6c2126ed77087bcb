package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.temperature.TemperatureFit;

/** The explicit coder of {@link TemperatureFit} (the Renault temperature fit), component by component. */
public final class TemperatureFitCoder extends ColumnSetCoder<TemperatureFit> {
  private static final long serialVersionUID = 1L;
  private static final TemperatureFitCoder INSTANCE = new TemperatureFitCoder();

  private TemperatureFitCoder() {}

  public static TemperatureFitCoder of() {
    return INSTANCE;
  }

  @Override
  protected ColumnSet<TemperatureFit> columns() {
    return TemperatureFit.COLUMNS;
  }
}
