package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.rawtss.VinDay;

/** The explicit coder of {@link VinDay} (the (vin, data date) key), component by component. */
public final class VinDayCoder extends ColumnSetCoder<VinDay> {
  private static final long serialVersionUID = 1L;
  private static final VinDayCoder INSTANCE = new VinDayCoder();

  private VinDayCoder() {}

  public static VinDayCoder of() {
    return INSTANCE;
  }

  @Override
  protected ColumnSet<VinDay> columns() {
    return VinDay.COLUMNS;
  }
}
