package com.evalue.ingestion.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A read deadline for response bodies. The JDK client's request timeout stops at the response headers; a body
 * that stalls afterwards would block a poller forever. This guard interrupts the reading thread when no byte has
 * arrived for {@code idle}, which makes the blocked read fail with an {@link IOException}.
 */
public final class IdleTimeout implements AutoCloseable {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "body-idle-timeout");
    t.setDaemon(true);
    return t;
  });

  private final Thread reader = Thread.currentThread();
  private final long idleNanos;
  private final ScheduledFuture<?> check;
  private volatile long lastProgress = System.nanoTime();
  private boolean done;
  private boolean fired;

  private IdleTimeout(Duration idle) {
    idleNanos = idle.toNanos();
    long period = Math.max(10, idle.toMillis() / 4);
    check = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** Starts guarding reads made by the current thread. */
  public static IdleTimeout start(Duration idle) {
    return new IdleTimeout(idle);
  }

  /** {@code in}, with every read counted as progress. */
  public InputStream watch(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        lastProgress = System.nanoTime();
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        lastProgress = System.nanoTime();
        return n;
      }
    };
  }

  /** Reads a whole (small) body under the deadline. */
  public static byte[] readAll(InputStream body, Duration idle) throws IOException {
    try (IdleTimeout guard = start(idle); InputStream in = guard.watch(body)) {
      return in.readAllBytes();
    }
  }

  public synchronized boolean fired() {
    return fired;
  }

  private synchronized void check() {
    if (!done && System.nanoTime() - lastProgress > idleNanos) {
      fired = true;
      done = true;
      check.cancel(false);
      reader.interrupt();
    }
  }

  @Override
  public synchronized void close() {
    done = true;
    check.cancel(false);
    if (fired) {
      Thread.interrupted(); // the interrupt was ours, not a shutdown request
    }
  }
}
