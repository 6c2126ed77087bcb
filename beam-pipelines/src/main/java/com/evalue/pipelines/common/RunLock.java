package com.evalue.pipelines.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * At most one compaction and one pipeline run per make at a time (spec: storage.md §9.2): a PostgreSQL
 * session-level advisory lock on the hash of {@code compaction:{make}} or {@code pipeline:{make}}, held for the
 * run by an open connection and released on close (or by the server when the process dies).
 */
public final class RunLock implements AutoCloseable {
  private final Connection connection;
  private final String name;

  private RunLock(Connection connection, String name) {
    this.connection = connection;
    this.name = name;
  }

  /** Takes the lock or throws {@link AlreadyRunningException} at once; never waits. */
  public static RunLock acquire(DataSource dataSource, String name) {
    Connection c = null;
    try {
      c = dataSource.getConnection();
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            c.close();
            throw new AlreadyRunningException(name);
          }
        }
      }
      return new RunLock(c, name);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new IllegalStateException("cannot take the run lock " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
      ps.setString(1, name);
      ps.execute();
    } catch (SQLException e) {
      // the session end below releases it anyway
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing more to do
      }
    }
  }

  /** Another run holds the lock: the CLI exits with code 3 ("already running"). */
  public static final class AlreadyRunningException extends RuntimeException {
    public AlreadyRunningException(String name) {
      super("already running: another process holds the lock " + name);
    }
  }
}
