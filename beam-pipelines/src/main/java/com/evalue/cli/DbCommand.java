package com.evalue.cli;

import com.evalue.db.Database;
import com.evalue.db.DatabaseSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evalue db …}: database administration. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database administration.",
    subcommands = DbCommand.Migrate.class)
final class DbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (migrate)");
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = {"Applies the Flyway migrations (spec/schema.md), the seed rows and the shipped model catalogue.",
          "Idempotent: a second run applies nothing."})
  static final class Migrate implements Runnable {
    @Mixin DatabaseArgs db;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      try (Database database = db.connect()) {
        DatabaseSetup.SetupSummary summary = DatabaseSetup.migrateAndSeed(database.dataSource());
        spec.commandLine().getOut().println("database: " + db.describe() + " (" + database.jdbcUrl() + ")");
        spec.commandLine().getOut().println(summary);
      }
    }
  }
}
