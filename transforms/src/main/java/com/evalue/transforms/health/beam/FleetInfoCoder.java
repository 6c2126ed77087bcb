package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.FleetInfo;

/** The explicit coder of {@link FleetInfo} (the fleet_info attributes), component by component. */
public final class FleetInfoCoder extends ColumnSetCoder<FleetInfo> {
  private static final long serialVersionUID = 1L;
  private static final FleetInfoCoder INSTANCE = new FleetInfoCoder();

  private FleetInfoCoder() {}

  public static FleetInfoCoder of() {
    return INSTANCE;
  }

  @Override
  protected ColumnSet<FleetInfo> columns() {
    return FleetInfo.COLUMNS;
  }
}
