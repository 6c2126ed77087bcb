package com.evalue.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Real embedded PostgreSQL servers for tests: one per test class, in a JUnit temp directory, on a free port. */
public final class TestDatabases {
  private TestDatabases() {}

  public static EmbeddedDatabase start(Path dataDirectory) {
    return EmbeddedDatabase.start(dataDirectory, freePort());
  }

  /** Started and migrated (schema and seed rows, no catalogue). */
  public static EmbeddedDatabase startMigrated(Path dataDirectory) {
    EmbeddedDatabase db = start(dataDirectory);
    Migrations.migrate(db.dataSource());
    return db;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first column of the first row of {@code sql}, or null without rows. */
  public static Object scalar(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getObject(1) : null;
    }
  }

  public static long count(DataSource ds, String sql) throws SQLException {
    return ((Number) scalar(ds, sql)).longValue();
  }

  public static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
