package com.evalue.db;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database a process works with: an external PostgreSQL when a JDBC URL is configured, else the embedded default
 * ({@link EmbeddedDatabase}). Closing it stops the embedded server only if this process started it.
 */
public final class Database implements AutoCloseable {
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final DataSource dataSource;
  private final EmbeddedDatabase embedded; // null for an external database

  private Database(String jdbcUrl, String user, String password, DataSource dataSource, EmbeddedDatabase embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.dataSource = dataSource;
    this.embedded = embedded;
  }

  /** External PostgreSQL when {@code jdbcUrlOrNull} is non-blank, else the embedded one in {@code ./data/postgres}. */
  public static Database connect(String jdbcUrlOrNull, String user, String password) {
    return connect(jdbcUrlOrNull, user, password, EmbeddedDatabase.DEFAULT_DATA_DIRECTORY);
  }

  /** As {@link #connect(String, String, String)}, with the embedded data directory given. */
  public static Database connect(String jdbcUrlOrNull, String user, String password, Path embeddedDataDirectory) {
    if (jdbcUrlOrNull != null && !jdbcUrlOrNull.isBlank()) {
      return external(jdbcUrlOrNull.trim(), user, password);
    }
    return embedded(EmbeddedDatabase.start(embeddedDataDirectory));
  }

  public static Database external(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl);
    if (user != null) {
      ds.setUser(user);
    }
    if (password != null) {
      ds.setPassword(password);
    }
    return new Database(jdbcUrl, user, password, ds, null);
  }

  public static Database embedded(EmbeddedDatabase embedded) {
    return new Database(embedded.jdbcUrl(), embedded.user(), embedded.password(), embedded.dataSource(), embedded);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
