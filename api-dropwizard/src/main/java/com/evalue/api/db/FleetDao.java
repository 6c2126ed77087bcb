package com.evalue.api.db;

import com.evalue.api.auth.AuthenticatedUser;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@code fleet} and {@code user_fleet}: which fleets a user may access (api.md §3). */
public class FleetDao {
  public record Fleet(UUID id, String name) {}

  private final Jdbi jdbi;

  public FleetDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<Fleet> accessible(AuthenticatedUser user) {
    return jdbi.withHandle(h -> h.createQuery("SELECT f.id, f.fleet_name FROM fleet f WHERE "
            + Sql.accessibleFleet("f.id") + " ORDER BY f.fleet_name, f.id")
        .bind("admin", user.admin()).bind("user_id", user.id())
        .map((rs, ctx) -> new Fleet(Sql.uuid(rs, "id"), rs.getString("fleet_name")))
        .list());
  }

  /** Empty when the fleet does not exist; else whether the user may access it. */
  public Optional<Boolean> accessible(AuthenticatedUser user, UUID fleetId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + Sql.accessibleFleet("f.id")
            + " AS ok FROM fleet f WHERE f.id = :fleet")
        .bind("admin", user.admin()).bind("user_id", user.id()).bind("fleet", fleetId)
        .mapTo(Boolean.class).findOne());
  }
}
