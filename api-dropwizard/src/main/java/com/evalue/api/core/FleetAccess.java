package com.evalue.api.core;

import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.db.FleetDao;
import com.evalue.api.errors.ApiException;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorisation by fleet (api.md §3): a user accesses a fleet linked by {@code user_fleet}, or every fleet as Admin.
 * An unknown fleet is refused like a foreign one, so that fleet ids cannot be probed.
 */
public class FleetAccess {
  public static final String FLEET_FORBIDDEN = "User not allowed to access this fleet";
  public static final String VIN_FORBIDDEN = "User not allowed to access this VIN";

  private final FleetDao fleets;

  public FleetAccess(FleetDao fleets) {
    this.fleets = fleets;
  }

  /** @throws ApiException 403 when the fleet is unknown or not accessible */
  public void require(AuthenticatedUser user, UUID fleetId) {
    if (!fleets.accessible(user, fleetId).orElse(false)) {
      throw ApiException.forbidden(FLEET_FORBIDDEN);
    }
  }

  /**
   * A {@code fleet_id} query parameter: absent or {@code all} = all accessible fleets (empty result), else a UUID the
   * user may access.
   *
   * @throws ApiException 422 for a malformed value, 403 for a fleet not accessible
   */
  public Optional<UUID> filter(AuthenticatedUser user, String fleetParam) {
    if (fleetParam == null || fleetParam.isBlank() || "all".equalsIgnoreCase(fleetParam.trim())) {
      return Optional.empty();
    }
    UUID fleetId = Params.uuid("fleet_id", fleetParam);
    require(user, fleetId);
    return Optional.of(fleetId);
  }
}
