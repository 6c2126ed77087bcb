package com.evalue.cli;

import com.evalue.db.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the database is: an external PostgreSQL by JDBC URL, or the embedded default under ./data/postgres. */
public final class DatabaseArgs {
  @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:EVALUE_JDBC_URL}",
      description = "PostgreSQL JDBC URL; without it the embedded PostgreSQL under --db-dir is used.")
  String jdbcUrl;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:EVALUE_DB_USER:-postgres}",
      description = "Database user (default: ${DEFAULT-VALUE}).")
  String user;

  @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:EVALUE_DB_PASSWORD:-}",
      description = "Database password (default: $EVALUE_DB_PASSWORD).")
  String password;

  @Option(names = "--db-dir", paramLabel = "DIR", defaultValue = "${env:EVALUE_DB_DIR:-./data/postgres}",
      description = "Data directory of the embedded PostgreSQL (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  Database connect() {
    return Database.connect(blankToNull(jdbcUrl), user, password, dataDir);
  }

  String describe() {
    return blankToNull(jdbcUrl) == null ? "embedded PostgreSQL in " + dataDir : jdbcUrl;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
