package com.evalue.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL migrations of {@code classpath:db/migration} with Flyway.
 * Idempotent: a second run on an up-to-date database applies nothing.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  public static final String LOCATION = "classpath:db/migration";

  /** What one run did: how many migrations it applied and the schema version afterwards (null on an empty history). */
  public record MigrationResult(int applied, String currentVersion) {}

  private Migrations() {}

  public static MigrationResult migrate(String jdbcUrl, String user, String password) {
    return run(Flyway.configure().dataSource(jdbcUrl, user, password));
  }

  public static MigrationResult migrate(DataSource dataSource) {
    return run(Flyway.configure().dataSource(dataSource));
  }

  // spec: schema.md §1.2 — validateOnMigrate=true, outOfOrder=false
  private static MigrationResult run(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
    Flyway flyway = configuration
        .locations(LOCATION)
        .validateOnMigrate(true)
        .outOfOrder(false)
        .load();
    MigrateResult result = flyway.migrate();
    MigrationInfo current = flyway.info().current();
    String version = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    LOG.info("event=migrate applied={} version={}", result.migrationsExecuted, version);
    return new MigrationResult(result.migrationsExecuted, version);
  }
}
