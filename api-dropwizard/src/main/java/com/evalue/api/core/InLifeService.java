package com.evalue.api.core;

import com.evalue.api.api.InLife;
import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.db.VehicleDao;
import com.evalue.api.errors.ApiException;

/** GET /v1/in_life_data/{vin} and its eligibility check (api.md §5.3), checks in the spec's order. */
public class InLifeService {
  public static final String NOT_FOUND = "Vehicle not found. Use the order-soh-report endpoint to activate it.";
  public static final String NOT_ELIGIBLE = "Vehicle is not eligible";
  public static final String NOT_ACTIVATED = "Vehicle is not yet activated";
  public static final String NO_DATA = "Dynamic data not available for this vehicle.";

  private final VehicleDao vehicles;

  public InLifeService(VehicleDao vehicles) {
    this.vehicles = vehicles;
  }

  public InLife.InLifeData latest(AuthenticatedUser user, String rawVin) {
    String vin = Params.vin("vin", rawVin);
    VehicleDao.InLifeRow row = vehicles.inLife(user, vin).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    if (!row.accessible()) {
      throw ApiException.forbidden(FleetAccess.VIN_FORBIDDEN);
    }
    if (!row.eligible()) {
      throw ApiException.forbidden(NOT_ELIGIBLE);
    }
    if (!row.activated()) {
      throw ApiException.forbidden(NOT_ACTIVATED);
    }
    if (row.latest() == null) {
      throw ApiException.notFound(NO_DATA);
    }
    return row.latest();
  }

  public InLife.Eligibility eligibility(AuthenticatedUser user, String rawVin) {
    String vin = Params.vin("vin", rawVin);
    return vehicles.inLife(user, vin).map(row -> {
      if (!row.accessible()) {
        throw ApiException.forbidden(FleetAccess.VIN_FORBIDDEN);
      }
      String message = !row.eligible() ? NOT_ELIGIBLE
          : !row.activated() ? NOT_ACTIVATED : "Vehicle is eligible and activated";
      return new InLife.Eligibility(vin, true, row.eligible(), row.activated(), message);
    }).orElseGet(() -> new InLife.Eligibility(vin, false, false, false, "Vehicle not found"));
  }
}
