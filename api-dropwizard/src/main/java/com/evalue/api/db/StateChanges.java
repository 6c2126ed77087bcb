package com.evalue.api.db;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL channel {@value #CHANNEL} on which writers announce that a user's authentication or pricing state
 * changed (active flag, role, API keys, plan assignment), so that every running API process drops what it cached
 * (the user states of authentication, the plans of metering) at once instead of when their TTL ends.
 *
 * <p>Writers call {@link #publish} inside the transaction of their change: PostgreSQL delivers the notification only
 * when that transaction commits, so a listener never reloads the old state. By hand, after an {@code UPDATE}:
 * {@code SELECT pg_notify('evalue_state_changed', '<user id>')}. The payload names the user for the log; any
 * notification drops every cached state (changes are rare; refilling costs one query per active user).
 *
 * <p>The listener holds one connection of its own (not from the pool). Whenever it (re)connects it reports a change
 * of everything, since notifications sent while it was not listening are lost; while it cannot connect, the caches'
 * TTLs bound how stale they can be.
 */
public class StateChanges implements Managed {
  public static final String CHANNEL = "evalue_state_changed";
  /** The {@code application_name} of the listener's connection (as {@code pg_stat_activity} shows it). */
  public static final String APPLICATION_NAME = "evalue-api-state-changes";
  private static final Logger LOG = LoggerFactory.getLogger(StateChanges.class);
  private static final int POLL_MILLIS = 500;
  private static final Duration LIVENESS_CHECK = Duration.ofSeconds(30);
  private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

  /** Opens the listener's own connection. */
  @FunctionalInterface
  public interface ConnectionFactory {
    Connection open() throws SQLException;
  }

  private final ConnectionFactory connections;
  private final List<Runnable> onChange;
  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  /** @param onChange what to run when any user's state changed (the caches' invalidation) */
  public StateChanges(ConnectionFactory connections, List<Runnable> onChange) {
    this.connections = connections;
    this.onChange = List.copyOf(onChange);
  }

  /** Connections of the listener's own to the database at {@code url}, named {@value #APPLICATION_NAME}. */
  public static ConnectionFactory connections(String url, String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    return () -> DriverManager.getConnection(url, properties);
  }

  /** Announces, when {@code h}'s transaction commits, that the state of {@code userId} changed. */
  public static void publish(Handle h, UUID userId) {
    h.createQuery("SELECT pg_notify(:channel, :user)").bind("channel", CHANNEL).bind("user", userId.toString())
        .mapTo(String.class).one();
  }

  /** Whether the listener is connected and listening (a health signal; tests wait for it). */
  public boolean listening() {
    return listening;
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::listen, "state-changes-listener");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread.join(Duration.ofSeconds(5).toMillis());
    }
  }

  private void listen() {
    while (running) {
      try (Connection c = connections.open()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        listening = true;
        changed("(re)connected: notifications may have been missed");
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + LIVENESS_CHECK.toNanos();
        while (running) {
          PGNotification[] received = pg.getNotifications(POLL_MILLIS);
          if (received != null && received.length > 0) {
            changed(received[0].getParameter()
                + (received.length > 1 ? " and " + (received.length - 1) + " more" : ""));
          }
          if (System.nanoTime() - nextCheck > 0) {
            if (!c.isValid(2)) {
              throw new SQLException("listener connection is no longer valid");
            }
            nextCheck = System.nanoTime() + LIVENESS_CHECK.toNanos();
          }
        }
      } catch (SQLException | RuntimeException e) {
        listening = false;
        if (running) {
          LOG.warn("event=state_changes_listener_down reason=\"{}\" retry_in={}",
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""),
              RECONNECT_DELAY);
          changed("listener down");
          sleep(RECONNECT_DELAY);
        }
      } finally {
        listening = false;
      }
    }
  }

  /** Every cache drops everything (see the class comment). */
  private void changed(String what) {
    LOG.debug("event=state_changed what=\"{}\"", what);
    onChange.forEach(Runnable::run);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
