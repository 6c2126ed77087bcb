package com.evalue.ingestion.buffer;

import com.codahale.metrics.Timer;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.transforms.model.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory buffer of the pollers (spec: sources.md §1.6). Envelopes are kept per VIN and flushed to temp
 * objects when a VIN holds {@value #MAX_ENVELOPES} envelopes or {@link #MAX_AGE} after its first unflushed envelope
 * (by {@code received_at}), one object per data date. A failed flush keeps the batch at the front of the VIN's
 * queue and is retried with exponential backoff, 1 s doubling to 60 s. {@link #flushAll} is the shutdown flush.
 *
 * <p>Dead letters are buffered the same way and written on every {@link #flushDue()}.
 *
 * <p>Time comes from the {@link Clock}; nothing here sleeps except {@link #flushAll}. A scheduler calls
 * {@link #flushDue()} about once a second; tests call it after moving a controllable clock.
 */
public final class EnvelopeBuffer {
  public static final int MAX_ENVELOPES = 1000;
  public static final Duration MAX_AGE = Duration.ofSeconds(30);
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeBuffer.class);

  private final TempObjectWriter writer;
  private final Clock clock;
  private final IngestionMetrics metrics;
  private final Consumer<List<Envelope>> onWritten;
  private final Map<String, VinQueue> queues = new ConcurrentHashMap<>();
  private final VinQueue deadLetterState = new VinQueue();
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  /**
   * @param onWritten called after a flush with the envelopes it wrote, in received order (e.g. to record their
   *     change-hash in Redis only once they are durable)
   */
  public EnvelopeBuffer(TempObjectWriter writer, Clock clock, IngestionMetrics metrics,
      Consumer<List<Envelope>> onWritten) {
    this.writer = writer;
    this.clock = clock;
    this.metrics = metrics;
    this.onWritten = onWritten;
    metrics.gauge("buffered_envelopes", this::buffered);
    metrics.gauge("lag_seconds", () -> oldestUnflushed()
        .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(0.0));
  }

  /** One VIN's unflushed envelopes, oldest first, and its retry state. */
  private static final class VinQueue {
    final ArrayDeque<Envelope> items = new ArrayDeque<>();
    final ReentrantLock flushing = new ReentrantLock();
    Instant nextAttempt = Instant.MIN;
    Duration backoff;
  }

  /** Buffers one envelope; a VIN that reaches {@value #MAX_ENVELOPES} is flushed now, in the caller's thread. */
  public void add(Envelope envelope) {
    VinQueue q = queues.computeIfAbsent(envelope.make().code() + "|" + envelope.vin(), k -> new VinQueue());
    boolean full;
    synchronized (q) {
      q.items.addLast(envelope);
      full = q.items.size() >= MAX_ENVELOPES;
    }
    if (full) {
      flush(q, false);
    }
  }

  public void reject(DeadLetter letter) {
    synchronized (deadLetters) {
      deadLetters.add(letter);
    }
  }

  /** Flushes every VIN that is full or old enough and out of backoff, and the dead letters. Returns objects written. */
  public int flushDue() {
    Instant now = clock.instant();
    int written = flushDeadLetters(false);
    for (VinQueue q : queues.values()) {
      boolean due;
      synchronized (q) {
        Envelope head = q.items.peekFirst();
        due = head != null && (q.items.size() >= MAX_ENVELOPES || !now.isBefore(head.receivedAt().plus(MAX_AGE)));
      }
      if (due) {
        written += flush(q, false);
      }
    }
    return written;
  }

  /**
   * The shutdown flush (sources.md §1.6: at most 10 s): everything is written, failures are retried with the
   * backoff until {@code timeout} has passed. Returns true when nothing is left in memory.
   */
  public boolean flushAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_BACKOFF;
    while (true) {
      flushDeadLetters(true);
      for (VinQueue q : queues.values()) {
        flush(q, true);
      }
      int left = buffered() + pendingDeadLetters();
      if (left == 0) {
        return true;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        LOG.error("event=shutdown_flush_incomplete envelopes_left={} dead_letters_left={}", buffered(),
            pendingDeadLetters());
        return false;
      }
      try {
        Thread.sleep(Math.min(pause.toMillis(), Math.max(1, remaining / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      pause = pause.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause.multipliedBy(2);
    }
  }

  /** Writes up to {@value #MAX_ENVELOPES} envelopes of one VIN; what fails stays at the front. */
  private int flush(VinQueue q, boolean ignoreBackoff) {
    if (!q.flushing.tryLock()) {
      return 0; // another thread is flushing this VIN
    }
    try {
      Instant now = clock.instant();
      List<Envelope> batch = new ArrayList<>();
      synchronized (q) {
        if (q.items.isEmpty() || (!ignoreBackoff && now.isBefore(q.nextAttempt))) {
          return 0;
        }
        while (!q.items.isEmpty() && batch.size() < MAX_ENVELOPES) {
          batch.add(q.items.pollFirst());
        }
      }
      int objects = 0;
      Set<String> failedFolders = new HashSet<>();
      RuntimeException failure = null;
      for (Map.Entry<String, List<Envelope>> folder : TempObjectWriter.byFolder(batch).entrySet()) {
        if (failure != null) {
          failedFolders.add(folder.getKey());
          continue;
        }
        try (Timer.Context ignored = metrics.flushLatency.time()) {
          String path = writer.writeFolder(folder.getValue());
          objects++;
          metrics.tempObjectsWritten.inc();
          metrics.envelopesWritten.inc(folder.getValue().size());
          metrics.flushed();
          LOG.debug("event=temp_object_written path={} envelopes={}", path, folder.getValue().size());
        } catch (RuntimeException e) {
          failure = e;
          failedFolders.add(folder.getKey());
          continue;
        }
      }
      List<Envelope> unwritten = new ArrayList<>();
      List<Envelope> written = new ArrayList<>();
      for (Envelope e : batch) {
        (failedFolders.contains(TempObjectWriter.folderKey(e)) ? unwritten : written).add(e);
      }
      if (!written.isEmpty()) {
        // in received order, so that the VIN's last written envelope is its latest one
        onWritten.accept(written);
      }
      synchronized (q) {
        if (failure == null) {
          q.backoff = null;
          q.nextAttempt = Instant.MIN;
        } else {
          // spec: sources.md §1.6 — the failed batch goes back to the front, in its received order
          for (int i = unwritten.size() - 1; i >= 0; i--) {
            q.items.addFirst(unwritten.get(i));
          }
          q.backoff = q.backoff == null ? FIRST_BACKOFF
              : (q.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : q.backoff.multipliedBy(2));
          q.nextAttempt = now.plus(q.backoff);
        }
      }
      if (failure != null) {
        metrics.flushFailures.inc();
        LOG.warn("event=flush_failed vin={} envelopes_kept={} retry_in_ms={} error=\"{}\"", batch.get(0).vin(),
            unwritten.size(), q.backoff.toMillis(), failure.getMessage());
      }
      return objects;
    } finally {
      q.flushing.unlock();
    }
  }

  private int flushDeadLetters(boolean ignoreBackoff) {
    VinQueue state = deadLetterState;
    if (!state.flushing.tryLock()) {
      return 0;
    }
    try {
      Instant now = clock.instant();
      List<DeadLetter> batch;
      synchronized (deadLetters) {
        if (deadLetters.isEmpty() || (!ignoreBackoff && now.isBefore(state.nextAttempt))) {
          return 0;
        }
        batch = new ArrayList<>(deadLetters);
        deadLetters.clear();
      }
      Map<String, List<DeadLetter>> byMake = new LinkedHashMap<>();
      batch.forEach(d -> byMake.computeIfAbsent(d.make(), k -> new ArrayList<>()).add(d));
      int objects = 0;
      for (Iterator<Map.Entry<String, List<DeadLetter>>> it = byMake.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, List<DeadLetter>> e = it.next();
        try {
          objects += writer.writeDeadLetters(e.getKey(), e.getValue()).size();
          metrics.deadLetters.inc(e.getValue().size());
          it.remove();
        } catch (RuntimeException ex) {
          metrics.flushFailures.inc();
          LOG.warn("event=dead_letter_flush_failed make={} letters={} error=\"{}\"", e.getKey(),
              e.getValue().size(), ex.getMessage());
          break;
        }
      }
      if (!byMake.isEmpty()) {
        synchronized (deadLetters) {
          List<DeadLetter> keep = new ArrayList<>();
          byMake.values().forEach(keep::addAll);
          deadLetters.addAll(0, keep);
        }
        state.backoff = state.backoff == null ? FIRST_BACKOFF
            : (state.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                : state.backoff.multipliedBy(2));
        state.nextAttempt = now.plus(state.backoff);
      } else {
        state.backoff = null;
        state.nextAttempt = Instant.MIN;
      }
      return objects;
    } finally {
      state.flushing.unlock();
    }
  }

  /** Envelopes held in memory. */
  public int buffered() {
    int n = 0;
    for (VinQueue q : queues.values()) {
      synchronized (q) {
        n += q.items.size();
      }
    }
    return n;
  }

  public int pendingDeadLetters() {
    synchronized (deadLetters) {
      return deadLetters.size();
    }
  }

  /** The {@code received_at} of the oldest unflushed envelope: the buffer's lag. */
  public Optional<Instant> oldestUnflushed() {
    Instant oldest = null;
    for (VinQueue q : queues.values()) {
      synchronized (q) {
        Envelope head = q.items.peekFirst();
        if (head != null && (oldest == null || head.receivedAt().isBefore(oldest))) {
          oldest = head.receivedAt();
        }
      }
    }
    return Optional.ofNullable(oldest);
  }

  /** When the next retry of a failed flush of this VIN may run (tests and health). */
  public Optional<Instant> nextRetry(String makeCode, String vin) {
    VinQueue q = queues.get(makeCode + "|" + vin);
    if (q == null) {
      return Optional.empty();
    }
    synchronized (q) {
      return q.backoff == null ? Optional.empty() : Optional.of(q.nextAttempt);
    }
  }
}
