package com.evalue.db;

import com.evalue.db.Migrations.MigrationResult;
import com.evalue.db.catalogue.CatalogueImport;
import com.evalue.db.catalogue.CatalogueReport;
import javax.sql.DataSource;

/**
 * What {@code db migrate} does: apply the migrations (schema and seed rows, schema.md §5), then import the model
 * catalogue shipped in the repository (schema.md §6.1), so every make has a net capacity without network access.
 */
public final class DatabaseSetup {

  /** The outcome of {@link #migrateAndSeed}. */
  public record SetupSummary(MigrationResult migration, CatalogueReport catalogue) {
    @Override
    public String toString() {
      return "migrations applied=" + migration.applied() + " version=" + migration.currentVersion()
          + "; catalogue " + catalogue;
    }
  }

  private DatabaseSetup() {}

  public static SetupSummary migrateAndSeed(DataSource dataSource) {
    MigrationResult migration = Migrations.migrate(dataSource);
    CatalogueReport catalogue = CatalogueImport.importBundled(dataSource);
    return new SetupSummary(migration, catalogue);
  }
}
