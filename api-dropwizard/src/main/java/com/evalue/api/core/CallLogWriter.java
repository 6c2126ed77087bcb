package com.evalue.api.core;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.evalue.api.db.CallLogDao;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of the call log (api.md §4.4.3), off the response path: a bounded queue (10 000) flushed by one
 * thread every second or every 500 rows. When the queue is full, or the writer is stopping, the request thread inserts
 * its row itself. A failed insert is retried 3 times; then the rows go to a local spill file (NDJSON), replayed at the
 * next start. On shutdown the queue is drained. Rows are never dropped silently: every fallback has a counter.
 */
public class CallLogWriter implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(CallLogWriter.class);
  /** How often a batch being collected looks for new rows (a full batch waits at most this long). */
  private static final long COLLECT_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final CallLogDao dao;
  private final BlockingQueue<CallLogEntry> queue;
  private final int batchSize;
  private final long flushIntervalNanos;
  private final int retries;
  private final Duration retryBackoff;
  private final Path spillFile;
  private final ObjectMapper json;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter enqueued;
  private final Counter written;
  private final Counter syncInserts;
  private final Counter insertRetries;
  private final Counter spilled;
  private final Counter replayed;
  private volatile boolean accepting;
  private volatile boolean running;
  private Thread flusher;

  public CallLogWriter(CallLogDao dao, int capacity, int batchSize, Duration flushInterval, int retries,
      Duration retryBackoff, Path spillFile, ObjectMapper json, MetricRegistry metrics) {
    this.dao = dao;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.flushIntervalNanos = flushInterval.toNanos();
    this.retries = retries;
    this.retryBackoff = retryBackoff;
    this.spillFile = spillFile;
    this.json = json;
    this.enqueued = metrics.counter("calllog.enqueued");
    this.written = metrics.counter("calllog.written");
    this.syncInserts = metrics.counter("calllog.sync_inserts");
    this.insertRetries = metrics.counter("calllog.insert_retries");
    this.spilled = metrics.counter("calllog.spilled");
    this.replayed = metrics.counter("calllog.replayed");
    metrics.gauge("calllog.queue_size", () -> queue::size);
  }

  /** Records one call: queued, or inserted by the caller when the queue is full or the writer is not running. */
  public void record(CallLogEntry entry) {
    if (accepting && queue.offer(entry)) {
      enqueued.inc();
      return;
    }
    syncInserts.inc();
    write(List.of(entry));
  }

  @Override
  public void start() {
    replaySpill();
    running = true;
    accepting = true;
    flusher = new Thread(this::flushLoop, "call-log-writer");
    flusher.setDaemon(false);
    flusher.start();
  }

  @Override
  public void stop() throws InterruptedException {
    accepting = false;
    running = false;
    if (flusher != null) {
      flusher.interrupt(); // wakes a flusher waiting for a fuller batch
      flusher.join(TimeUnit.MINUTES.toMillis(2));
    }
    List<CallLogEntry> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (!rest.isEmpty()) {
      write(rest);
    }
    LOG.info("event=call_log_stopped written={} sync_inserts={} spilled={}", written.getCount(),
        syncInserts.getCount(), spilled.getCount());
  }

  /** Waits until every row recorded before this call is written (or spilled). For tests and tasks. */
  public void awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while ((!queue.isEmpty() || inFlight.get() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  public boolean healthy() {
    return !running || flusher.isAlive();
  }

  private void flushLoop() {
    List<CallLogEntry> batch = new ArrayList<>(batchSize);
    while (true) {
      try {
        CallLogEntry first = queue.poll(Math.min(flushIntervalNanos, TimeUnit.MILLISECONDS.toNanos(200)),
            TimeUnit.NANOSECONDS);
        if (first == null) {
          if (!running && queue.isEmpty()) {
            return;
          }
          continue;
        }
        inFlight.incrementAndGet();
        try {
          batch.add(first);
          long deadline = System.nanoTime() + flushIntervalNanos;
          // Collect until the batch is full or due. Between drains the writer sleeps a short tick rather than
          // waiting on the queue: a waiting consumer would be woken by every single row, a thread switch per request.
          while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            long wait = deadline - System.nanoTime();
            if (batch.size() >= batchSize || wait <= 0 || !running) {
              break;
            }
            try {
              TimeUnit.NANOSECONDS.sleep(Math.min(wait, COLLECT_TICK_NANOS));
            } catch (InterruptedException e) {
              queue.drainTo(batch, batchSize - batch.size());
              break; // stopping: write what we have, then drain the rest
            }
          }
          write(batch);
          batch.clear();
        } finally {
          inFlight.decrementAndGet();
        }
      } catch (InterruptedException e) {
        // keep draining: stop() waits for us; never lose queued rows
        Thread.interrupted();
      } catch (RuntimeException e) {
        LOG.error("event=call_log_flush_error", e);
        batch.clear();
      }
    }
  }

  /** Insert with retries, then spill. */
  private void write(List<CallLogEntry> rows) {
    SQLException last = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        insertRetries.inc();
        sleep(retryBackoff.multipliedBy(attempt));
      }
      try {
        dao.insert(rows);
        written.inc(rows.size());
        return;
      } catch (SQLException | RuntimeException e) {
        last = e instanceof SQLException s ? s : new SQLException(e);
      }
    }
    LOG.warn("event=call_log_spilled rows={} file={} reason=\"{}\"", rows.size(), spillFile,
        last == null ? "" : last.getMessage().lines().findFirst().orElse(""));
    spill(rows);
  }

  private synchronized void spill(List<CallLogEntry> rows) {
    try {
      if (spillFile.getParent() != null) {
        Files.createDirectories(spillFile.getParent());
      }
      try (BufferedWriter out = Files.newBufferedWriter(spillFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
        for (CallLogEntry row : rows) {
          out.write(json.writeValueAsString(row));
          out.newLine();
        }
      }
      spilled.inc(rows.size());
    } catch (IOException e) {
      // the last resort failed too: log every row so that it can be recovered from the logs
      for (CallLogEntry row : rows) {
        LOG.error("event=call_log_lost row={}", row);
      }
    }
  }

  /** Inserts the rows of a previous spill file; the file is removed only once all of them are in the database. */
  private synchronized void replaySpill() {
    if (!Files.isRegularFile(spillFile)) {
      return;
    }
    Path replaying = spillFile.resolveSibling(spillFile.getFileName() + ".replaying");
    try {
      Files.move(spillFile, replaying, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      List<CallLogEntry> rows = new ArrayList<>();
      for (String line : Files.readAllLines(replaying, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          rows.add(json.readValue(line, CallLogEntry.class));
        }
      }
      if (!rows.isEmpty()) {
        dao.insert(rows); // one transaction: a failed replay leaves nothing half-inserted
      }
      Files.delete(replaying);
      replayed.inc(rows.size());
      LOG.info("event=call_log_spill_replayed rows={}", rows.size());
    } catch (IOException | SQLException e) {
      LOG.error("event=call_log_replay_failed file={} reason=\"{}\"", replaying, e.getMessage());
      try {
        // keep the rows for the next start (appending any rows spilled meanwhile)
        if (Files.exists(replaying)) {
          if (Files.exists(spillFile)) {
            Files.write(replaying, Files.readAllBytes(spillFile), StandardOpenOption.APPEND);
          }
          Files.move(replaying, spillFile, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException ex) {
        LOG.error("event=call_log_replay_restore_failed file={}", replaying, ex);
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
