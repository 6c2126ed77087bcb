package com.evalue.simulate.tesla;

import java.time.Instant;
import java.util.List;

/**
 * {@code Payload{data = 1, created_at = 2, vin = 3, is_resend = 4}} of package {@code telemetry.vehicle_data}
 * (spec: sources.md §2.2).
 */
public record TeslaPayload(List<TeslaDatum> data, Instant createdAt, String vin, boolean isResend) {
  public TeslaPayload {
    data = List.copyOf(data);
  }
}
