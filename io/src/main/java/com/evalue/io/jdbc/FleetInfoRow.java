package com.evalue.io.jdbc;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.model.ContentHash;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import javax.annotation.Nullable;

/**
 * One VIN's static attributes as joined by the fleet_info stage (spec: pipeline.md §2). Every attribute but the
 * VIN, vehicle id and fleet may be null (LEFT joins).
 */
public record FleetInfoRow(
    String vin,
    UUID vehicleId,
    String fleetName,
    @Nullable String regionName,
    @Nullable String makeCode,
    @Nullable String model,
    @Nullable String type,
    @Nullable String version,
    @Nullable UUID vehicleModelId,
    @Nullable BigDecimal capacity,
    @Nullable BigDecimal netCapacity,
    @Nullable Integer range,
    @Nullable LocalDate startDate,
    @Nullable LocalDate endOfContractDate,
    boolean activationStatus) implements Serializable {

  /** What the health stages need of it. */
  public FleetInfo toFleetInfo() {
    return new FleetInfo(vin, model, type, version, netCapacity == null ? null : netCapacity.doubleValue(),
        range == null ? null : range.doubleValue());
  }

  /** SHA-256 of the row (storage.md §6): a change of any attribute marks the VIN dirty. */
  public String fingerprint() {
    return ContentHash.sha256Hex(String.join("\u001f", vin, vehicleId.toString(), fleetName, s(regionName),
        s(makeCode), s(model), s(type), s(version), s(vehicleModelId), plain(capacity), plain(netCapacity),
        s(range), s(startDate), s(endOfContractDate), Boolean.toString(activationStatus)));
  }

  private static String s(Object o) {
    return o == null ? "\u0000" : o.toString();
  }

  private static String plain(BigDecimal d) {
    return d == null ? "\u0000" : d.stripTrailingZeros().toPlainString();
  }
}
