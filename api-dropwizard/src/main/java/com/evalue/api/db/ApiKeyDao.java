package com.evalue.api.db;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** {@code api_user}: API keys, stored only as their SHA-256 (api.md §2.4). */
public class ApiKeyDao {
  /** An API key row with its owner's state. */
  public record KeyOwner(UUID apiUserId, UUID userId, boolean keyActive, boolean userActive) {}

  private final Jdbi jdbi;

  public ApiKeyDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Optional<KeyOwner> findBySha256(String sha256Hex) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT a.id, a.user_id, a.is_active, u.is_active AS user_active
            FROM api_user a JOIN app_user u ON u.id = a.user_id WHERE a.api_key_sha256 = :hash""")
        .bind("hash", sha256Hex)
        .map((rs, ctx) -> new KeyOwner(Sql.uuid(rs, "id"), Sql.uuid(rs, "user_id"), rs.getBoolean("is_active"),
            rs.getBoolean("user_active")))
        .findOne());
  }

  public void touchLastAccess(UUID apiUserId) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE api_user SET last_access = now() WHERE id = :id")
        .bind("id", apiUserId).execute());
  }

  /** Creates a key row for {@code userId}; the caller shows the key once and keeps only this hash. */
  public UUID create(UUID userId, String name, String sha256Hex) {
    return jdbi.withHandle(h -> h.createQuery(
            "INSERT INTO api_user (user_id, name, api_key_sha256) VALUES (:user, :name, :hash) RETURNING id")
        .bind("user", userId).bind("name", name).bind("hash", sha256Hex)
        .mapTo(UUID.class).one());
  }

  /** Replaces the hash of the key named {@code name} of {@code userId}, creating the row if missing. */
  public UUID rotate(UUID userId, String name, String sha256Hex) {
    return jdbi.inTransaction(h -> {
      Optional<UUID> existing = h.createQuery(
              "SELECT id FROM api_user WHERE user_id = :user AND name = :name ORDER BY created_at LIMIT 1 FOR UPDATE")
          .bind("user", userId).bind("name", name).mapTo(UUID.class).findOne();
      if (existing.isPresent()) {
        h.createUpdate("UPDATE api_user SET api_key_sha256 = :hash, is_active = true WHERE id = :id")
            .bind("hash", sha256Hex).bind("id", existing.get()).execute();
        return existing.get();
      }
      return h.createQuery(
              "INSERT INTO api_user (user_id, name, api_key_sha256) VALUES (:user, :name, :hash) RETURNING id")
          .bind("user", userId).bind("name", name).bind("hash", sha256Hex).mapTo(UUID.class).one();
    });
  }
}
