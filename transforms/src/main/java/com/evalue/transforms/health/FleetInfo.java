package com.evalue.transforms.health;

import java.io.Serializable;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The static attributes of one VIN that the health stages use (spec: pipeline.md §2, LEFT joins: every attribute
 * may be null). A VIN without a {@code vehicle} row is processed with {@link #unknown(String)}.
 *
 * @param vin normalised VIN
 * @param model {@code vehicle_model.model_name}, the key of the Renault temperature fit (§4.3)
 * @param type trim / variant
 * @param version OEM version code
 * @param netCapacity {@code battery.net_capacity}, kWh; null or ≤ 0 gives null SoH estimates (§2)
 * @param range {@code vehicle_model.autonomy}, WLTP km; null or ≤ 0 gives null range_ratio and cycles
 */
public record FleetInfo(
    String vin,
    @Nullable String model,
    @Nullable String type,
    @Nullable String version,
    @Nullable Double netCapacity,
    @Nullable Double range) implements Serializable {

  public static final ColumnSet<FleetInfo> COLUMNS = ColumnSet.of(FleetInfo.class,
      "vin", "model", "type", "version", "net_capacity", "range");

  public FleetInfo {
    Objects.requireNonNull(vin, "vin");
  }

  /** A VIN with no static attributes (spec: pipeline.md §2, "VINs not in the vehicle table"). */
  public static FleetInfo unknown(String vin) {
    return new FleetInfo(vin, null, null, null, null, null);
  }

  /** The net capacity when it can be used by a formula: non-null and &gt; 0 (spec: pipeline.md §2). */
  public @Nullable Double usableNetCapacity() {
    return netCapacity != null && netCapacity > 0 && Double.isFinite(netCapacity) ? netCapacity : null;
  }

  /** The range when it can be used by a formula: non-null and &gt; 0 (spec: pipeline.md §2). */
  public @Nullable Double usableRange() {
    return range != null && range > 0 && Double.isFinite(range) ? range : null;
  }
}
