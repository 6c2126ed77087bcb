package com.evalue.api.core;

import com.evalue.api.api.Account;
import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.db.FleetDao;
import com.evalue.api.db.VehicleDao;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** api.md §5.1: the caller's fleets and vehicles. */
public class AccountService {
  private final FleetDao fleets;
  private final VehicleDao vehicles;
  private final FleetAccess access;
  private final Map<String, String> consentInformation;

  public AccountService(FleetDao fleets, VehicleDao vehicles, FleetAccess access,
      Map<String, String> consentInformation) {
    this.fleets = fleets;
    this.vehicles = vehicles;
    this.access = access;
    this.consentInformation = Map.copyOf(consentInformation);
  }

  public Account.FleetsResponse fleets(AuthenticatedUser user) {
    return new Account.FleetsResponse(fleets.accessible(user).stream()
        .map(f -> new Account.FleetItem(f.id(), f.name())).toList());
  }

  public Account.VehiclesResponse vehicles(AuthenticatedUser user, String fleetParam, String vinParam,
      String pageParam, String pageSizeParam) {
    int page = Params.integer("page", pageParam, 1, 1, 1_000_000);
    int pageSize = Params.integer("page_size", pageSizeParam, 100, 1, 1000);
    String vin = vinParam == null || vinParam.isBlank() ? null : Params.vin("vin", vinParam);
    UUID fleetId = access.filter(user, fleetParam).orElse(null);
    long total = vehicles.countListed(user, fleetId, vin);
    List<Account.VehicleItem> items = vehicles.listed(user, fleetId, vin, pageSize, (long) (page - 1) * pageSize)
        .stream()
        .map(v -> new Account.VehicleItem(v.vin(), v.requestedSohEstimated(), v.requestedSohOem(),
            v.requestedActivation(), v.activated(), v.message(), v.comment(),
            v.oemCode() == null ? null : consentInformation.get(v.oemCode())))
        .toList();
    return new Account.VehiclesResponse(items, Account.Pagination.of(page, pageSize, total));
  }
}
