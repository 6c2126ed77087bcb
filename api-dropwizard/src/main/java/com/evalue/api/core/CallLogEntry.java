package com.evalue.api.core;

import java.time.Instant;
import java.util.UUID;

/**
 * One {@code api_call_log} row (api.md §4.4.2): written for every metered request once its real status is known.
 * {@code billable} = 2xx; {@code meteringDegraded} = admitted without Redis under {@code metering.fail_open}.
 */
public record CallLogEntry(UUID userId, UUID apiUserId, String vin, String endpoint, Instant timestamp,
    int responseTimeMs, int statusCode, boolean billable, boolean meteringDegraded) {

  public static CallLogEntry of(UUID userId, UUID apiUserId, String vin, String endpoint, Instant timestamp,
      int responseTimeMs, int statusCode, boolean meteringDegraded) {
    return new CallLogEntry(userId, apiUserId, vin, endpoint, timestamp, responseTimeMs, statusCode,
        statusCode >= 200 && statusCode < 300, meteringDegraded);
  }
}
