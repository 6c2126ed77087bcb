package com.evalue.api.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@code app_user}, {@code role}, {@code company} and the user's fleets, as authentication needs them. */
public class UserDao {
  /** What authenticating a token needs; {@code keyActive} is null when no API key is involved or it is unknown. */
  public record AuthRow(UUID id, String email, UUID companyId, boolean active, boolean admin, Boolean keyActive) {}

  /** What a password check needs. */
  public record Credentials(UUID id, String passwordHash, boolean active) {}

  public record Role(UUID id, String name) {}

  public record Company(UUID id, String name, String description) {}

  public record FleetRef(UUID id, String name) {}

  /** The user as the login body shows it (api.md §2, never the password). */
  public record Profile(UUID id, Instant createdAt, Instant updatedAt, String email, String firstName, String lastName,
      Instant lastConnection, boolean isActive, String phone, Role role, Company company) {}

  private final Jdbi jdbi;

  public UserDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Optional<AuthRow> findForAuth(UUID userId, UUID apiUserId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT u.id, u.email, u.company_id, u.is_active, r.role_name = 'Admin' AS admin,
                   (SELECT a.is_active FROM api_user a WHERE a.id = CAST(:akid AS uuid) AND a.user_id = u.id) AS key_active
            FROM app_user u JOIN role r ON r.id = u.role_id
            WHERE u.id = :id""")
        .bind("id", userId)
        .bindByType("akid", apiUserId, UUID.class)
        .map((rs, ctx) -> new AuthRow(Sql.uuid(rs, "id"), rs.getString("email"), Sql.uuid(rs, "company_id"),
            rs.getBoolean("is_active"), rs.getBoolean("admin"), Sql.bool(rs, "key_active")))
        .findOne());
  }

  public Optional<Credentials> findCredentials(String email) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, password_hash, is_active FROM app_user WHERE email = :email")
        .bind("email", email)
        .map((rs, ctx) -> new Credentials(Sql.uuid(rs, "id"), rs.getString("password_hash"),
            rs.getBoolean("is_active")))
        .findOne());
  }

  public void touchLastConnection(UUID userId) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE app_user SET last_connection = now() WHERE id = :id")
        .bind("id", userId).execute());
  }

  public Optional<Profile> profile(UUID userId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT u.id, u.created_at, u.updated_at, u.email, u.first_name, u.last_name, u.last_connection,
                   u.is_active, u.phone, r.id AS role_id, r.role_name, c.id AS company_id, c.name AS company_name,
                   c.description AS company_description
            FROM app_user u JOIN role r ON r.id = u.role_id JOIN company c ON c.id = u.company_id
            WHERE u.id = :id""")
        .bind("id", userId)
        .map((rs, ctx) -> new Profile(Sql.uuid(rs, "id"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "updated_at"), rs.getString("email"), rs.getString("first_name"),
            rs.getString("last_name"), Sql.instant(rs, "last_connection"), rs.getBoolean("is_active"),
            rs.getString("phone"), new Role(Sql.uuid(rs, "role_id"), rs.getString("role_name")),
            new Company(Sql.uuid(rs, "company_id"), rs.getString("company_name"),
                rs.getString("company_description"))))
        .findOne());
  }

  /** The fleets linked to the user by {@code user_fleet} (Admins see all fleets elsewhere; this is membership). */
  public List<FleetRef> memberFleets(UUID userId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT f.id, f.fleet_name FROM user_fleet uf JOIN fleet f ON f.id = uf.fleet_id
            WHERE uf.user_id = :id ORDER BY f.fleet_name, f.id""")
        .bind("id", userId)
        .map((rs, ctx) -> new FleetRef(Sql.uuid(rs, "id"), rs.getString("fleet_name")))
        .list());
  }
}
