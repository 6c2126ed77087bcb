package com.evalue.ingestion.tesla;

import com.evalue.ingestion.buffer.TempObjectWriter;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temp buffer of the Tesla stream (spec: sources.md §1.6) and its offset commits (§1.7), in one stateful DoFn
 * keyed by Kafka partition. Its input is one element per partition per bundle ({@link BatchRecordsFn}): the
 * bundle's records as {@link Chunk}s per buffer key (the VIN of the record key), not yet decoded; a record is
 * decoded ({@link TeslaRecordDecoder}) when it is written, into its envelope or its dead letter.
 *
 * <p>Why keyed by partition and not by VIN: the VIN determines the partition (§2.1), so one partition's state holds
 * every VIN it carries. That lets the same key both apply the per-VIN flush rules (a VIN's envelopes are written
 * when it holds {@code maxEnvelopes}, or {@code maxAge} after its first unflushed one) and know exactly which
 * offsets of the partition are not yet durable. After a flush has written its temp objects (and dead letters), the
 * partition's committed offset becomes the lowest offset still buffered, or the highest offset seen + 1 when
 * nothing is left: every offset below it is in a written object. The commit goes through the Kafka Admin client
 * ({@code alterConsumerGroupOffsets}, one shared client per JVM: {@link KafkaAdmins}); KafkaIO's reader only
 * assigns partitions and never joins the group, so the group is "empty" and accepts it. KafkaIO's
 * {@code commitOffsetsInFinalize()} is not used: it commits when the runner finalizes the reader checkpoint, which
 * says nothing about our writes having happened.
 *
 * <p>A crash (or cancel) therefore re-reads from the lowest unwritten offset: records already written are read again
 * and become duplicates in {@code temp/}, which compaction removes (same content hash). Nothing is lost.
 *
 * <p>Assumption, stated: elements of one partition reach this DoFn in offset order (one KafkaIO reader split per
 * partition, no reshuffle in between, one element per bundle); the commit is never moved backwards.
 *
 * <p>State is one {@link PartitionBuffer} value read and written once per element or timer, plus four longs.
 * While anything is buffered (or a commit is owed) the processing-time timer fires at least every
 * {@link #TICK_MS}: besides the age rule, that is how a drain request of the process ({@link TeslaStreamControl},
 * SIGTERM) reaches a partition that receives nothing more — the next tick writes all it holds and commits.
 *
 * <p>A failed write keeps everything in state and retries with backoff (1 s doubling to 60 s). On a bounded read
 * ({@code --until-end-offsets}) {@link Bounded}'s end-of-window (event-time) timer flushes and commits everything;
 * {@link Streaming} has no event-time timer, because the SparkRunner refuses them in streaming mode ("EVENT_TIME
 * not yet supported in streaming mode").
 */
abstract class PartitionFlushFn extends DoFn<KV<Integer, List<Chunk>>, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionFlushFn.class);
  /** Longest pause between two flush checks while anything is buffered (drain requests, commit retries). */
  static final long TICK_MS = 1000;

  private final TeslaIngestConfig config;
  private transient TempObjectWriter writer;
  private transient TeslaStreamControl control;

  /** The state handles of one partition, as the callbacks receive them. */
  record PartitionState(int partition, ValueState<PartitionBuffer> buffer, ValueState<Long> maxSeen,
      ValueState<Long> committed, ValueState<Long> backoff, ValueState<Long> timerAt, Timer flush) {}

  /** The streaming variant: processing-time flush timer only. */
  static final class Streaming extends PartitionFlushFn {
    // Beam wants state and timers declared in the class of their callbacks, so each variant declares its own.
    @StateId("buffer")
    private final StateSpec<ValueState<PartitionBuffer>> bufferSpec =
        StateSpecs.value(PartitionBuffer.PartitionBufferCoder.INSTANCE);

    /** Highest offset received. */
    @StateId("maxSeen")
    private final StateSpec<ValueState<Long>> maxSeenSpec = StateSpecs.value(VarLongCoder.of());

    /** The group's offset as last committed (or found) by this partition's state. */
    @StateId("committed")
    private final StateSpec<ValueState<Long>> committedSpec = StateSpecs.value(VarLongCoder.of());

    /** Set while a failed write waits for its retry: the current backoff. */
    @StateId("backoffMs")
    private final StateSpec<ValueState<Long>> backoffSpec = StateSpecs.value(VarLongCoder.of());

    /** When the flush timer is set to fire (epoch ms); cleared when it fires. */
    @StateId("timerAt")
    private final StateSpec<ValueState<Long>> timerAtSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    Streaming(TeslaIngestConfig config) {
      super(config);
    }

    @ProcessElement
    public void process(@Element KV<Integer, List<Chunk>> element,
        @StateId("buffer") ValueState<PartitionBuffer> buffer,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @StateId("timerAt") ValueState<Long> timerAt,
        @TimerId("flush") Timer flush) {
      add(new PartitionState(element.getKey(), buffer, maxSeen, committed, backoff, timerAt, flush),
          element.getValue());
    }

    @OnTimer("flush")
    public void onFlush(@Key Integer partition,
        @StateId("buffer") ValueState<PartitionBuffer> buffer,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @StateId("timerAt") ValueState<Long> timerAt,
        @TimerId("flush") Timer flush) {
      tick(new PartitionState(partition, buffer, maxSeen, committed, backoff, timerAt, flush));
    }
  }

  /** The bounded variant ({@code --until-end-offsets}): also flushes everything at the end of the input. */
  static final class Bounded extends PartitionFlushFn {
    // Beam wants state and timers declared in the class of their callbacks, so each variant declares its own.
    @StateId("buffer")
    private final StateSpec<ValueState<PartitionBuffer>> bufferSpec =
        StateSpecs.value(PartitionBuffer.PartitionBufferCoder.INSTANCE);

    @StateId("maxSeen")
    private final StateSpec<ValueState<Long>> maxSeenSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("committed")
    private final StateSpec<ValueState<Long>> committedSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("backoffMs")
    private final StateSpec<ValueState<Long>> backoffSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("timerAt")
    private final StateSpec<ValueState<Long>> timerAtSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    @TimerId("end")
    private final TimerSpec endSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    Bounded(TeslaIngestConfig config) {
      super(config);
    }

    @ProcessElement
    public void process(@Element KV<Integer, List<Chunk>> element,
        @StateId("buffer") ValueState<PartitionBuffer> buffer,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @StateId("timerAt") ValueState<Long> timerAt,
        @TimerId("flush") Timer flush,
        @TimerId("end") Timer end) {
      end.set(GlobalWindow.INSTANCE.maxTimestamp());
      add(new PartitionState(element.getKey(), buffer, maxSeen, committed, backoff, timerAt, flush),
          element.getValue());
    }

    @OnTimer("flush")
    public void onFlush(@Key Integer partition,
        @StateId("buffer") ValueState<PartitionBuffer> buffer,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @StateId("timerAt") ValueState<Long> timerAt,
        @TimerId("flush") Timer flush) {
      tick(new PartitionState(partition, buffer, maxSeen, committed, backoff, timerAt, flush));
    }

    @OnTimer("end")
    public void onEnd(@Key Integer partition,
        @StateId("buffer") ValueState<PartitionBuffer> buffer,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @StateId("timerAt") ValueState<Long> timerAt,
        @TimerId("flush") Timer flush) {
      flushEverything(new PartitionState(partition, buffer, maxSeen, committed, backoff, timerAt, flush));
    }
  }

  PartitionFlushFn(TeslaIngestConfig config) {
    this.config = config;
  }

  @Setup
  public void setup() {
    // One writer id per DoFn instance: a runner runs several instances (threads, workers), each with its own seq
    // counter, and object names must never collide (a collision would overwrite, i.e. lose, data).
    String instance = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    writer = new TempObjectWriter(Warehouse.at(config.warehouseRoot()), config.writerId() + "-" + instance);
    control = TeslaStreamControl.of(config.writerId());
  }

  /** A bundle's records of the partition: buffered; full keys (all of them while draining) written. */
  void add(PartitionState s, List<Chunk> chunks) {
    long now = System.currentTimeMillis();
    PartitionBuffer b = PartitionBuffer.orEmpty(s.buffer().read()).plus(chunks, now);
    long top = Long.MIN_VALUE;
    long records = 0;
    for (Chunk c : chunks) {
      top = Math.max(top, c.maxOffset());
      records += c.count();
    }
    Long seen = s.maxSeen().read();
    if (!chunks.isEmpty() && (seen == null || top > seen)) {
      s.maxSeen().write(top);
    }
    if (s.backoff().read() == null) {
      if (control.drainRequested()) {
        b = flush(s, everything(b, b.keys()), b, now);
      } else {
        Map<String, Long> full = new HashMap<>();
        // spec §1.6: a VIN is written when it reaches maxEnvelopes; a bundle may bring more, which stay buffered
        for (String k : b.full(config.maxEnvelopes())) {
          full.put(k, b.count(k) / config.maxEnvelopes() * config.maxEnvelopes());
        }
        if (!full.isEmpty()) {
          b = flush(s, full, b, now);
        }
      }
    }
    control.metrics().recordsIn.inc(records);
    control.metrics().received();
    save(s, b, now);
  }

  /** The flush timer: keys past their age (all while draining or retrying) written, or an owed commit retried. */
  void tick(PartitionState s) {
    long now = System.currentTimeMillis();
    s.timerAt().clear();
    PartitionBuffer b = PartitionBuffer.orEmpty(s.buffer().read());
    Set<String> due = control.drainRequested() || s.backoff().read() != null
        ? b.keys() : b.due(now, config.maxAge().toMillis(), config.maxEnvelopes());
    if (!due.isEmpty()) {
      b = flush(s, everything(b, due), b, now);
    } else {
      commitDurable(s, b);
    }
    save(s, b, now);
  }

  private static Map<String, Long> everything(PartitionBuffer b, Set<String> keys) {
    Map<String, Long> all = new HashMap<>();
    keys.forEach(k -> all.put(k, b.count(k)));
    return all;
  }

  /** End of a bounded read: everything is written and committed. */
  void flushEverything(PartitionState s) {
    Duration pause = Duration.ofSeconds(1);
    PartitionBuffer b = PartitionBuffer.orEmpty(s.buffer().read());
    for (int attempt = 0; attempt < 6; attempt++) {
      s.backoff().clear();
      long now = System.currentTimeMillis();
      b = b.isEmpty() ? b : flush(s, everything(b, b.keys()), b, now);
      if (b.isEmpty() && commitDurable(s, b)) {
        save(s, b, now);
        return;
      }
      sleep(pause);
      pause = pause.multipliedBy(2);
    }
    throw new IllegalStateException("tesla: partition " + s.partition() + " could not be written at end of input");
  }

  private void save(PartitionState s, PartitionBuffer b, long now) {
    if (b.isEmpty()) {
      s.buffer().clear();
    } else {
      s.buffer().write(b);
    }
    boolean owed = commitOwed(s, b);
    schedule(s, b, owed, now);
    Long seen = s.maxSeen().read();
    control.report(s.partition(), b.total(), Optional.ofNullable(b.oldestFirstMs().isPresent()
        ? Instant.ofEpochMilli(b.oldestFirstMs().getAsLong()) : null), owed, seen == null ? -1 : seen);
  }

  /**
   * Writes, per key, its first {@code take} records (one temp object per VIN and data date for every
   * {@code maxEnvelopes} of them, dead letters under dlq/), then commits; returns what is left. A failed write returns
   * {@code b} unchanged with a retry timer set.
   */
  private PartitionBuffer flush(PartitionState s, Map<String, Long> take, PartitionBuffer b, long now) {
    List<List<Envelope>> objects = new ArrayList<>();
    List<DeadLetter> letters = new ArrayList<>();
    Map<String, List<RawRecord>> remaining = new HashMap<>();
    long written = 0;
    for (Map.Entry<String, Long> t : take.entrySet()) {
      List<RawRecord> records = new ArrayList<>();
      b.chunks(t.getKey()).forEach(c -> records.addAll(c.decode()));
      int n = (int) Math.min(records.size(), t.getValue());
      remaining.put(t.getKey(), records.subList(n, records.size()));
      List<Envelope> envelopes = new ArrayList<>();
      for (RawRecord r : records.subList(0, n)) {
        for (Item item : TeslaRecordDecoder.decode(config.topic(), s.partition(), r, config.valueFormat())) {
          if (item.envelope() != null) {
            envelopes.add(item.envelope());
          } else {
            letters.add(item.deadLetter());
          }
        }
      }
      for (int from = 0; from < envelopes.size(); from += config.maxEnvelopes()) {
        objects.add(envelopes.subList(from, Math.min(envelopes.size(), from + config.maxEnvelopes())));
      }
      written += envelopes.size();
    }
    IngestionMetrics metrics = control.metrics();
    long t0 = System.nanoTime();
    long tempObjects = 0;
    try {
      // TempObjectWriter: one object per (VIN, data date), each write whole and atomic (storage.md §2)
      for (List<Envelope> object : objects) {
        tempObjects += writer.writeAll(object).size();
      }
      writer.writeDeadLetters(Make.TESLA.code(), letters);
    } catch (RuntimeException e) {
      // spec: sources.md §1.6 — the batch stays; retried with backoff 1 s doubling to 60 s
      Long previous = s.backoff().read();
      long next = previous == null ? 1000 : Math.min(60_000, previous * 2);
      s.backoff().write(next);
      s.flush().offset(org.joda.time.Duration.millis(next)).setRelative();
      s.timerAt().write(now + next);
      metrics.flushFailures.inc();
      LOG.warn("event=flush_failed partition={} envelopes_kept={} retry_in_ms={} error=\"{}\"", s.partition(),
          written + letters.size(), next, e.getMessage());
      return b;
    }
    metrics.flushLatency.update(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    metrics.envelopesWritten.inc(written);
    metrics.tempObjectsWritten.inc(tempObjects);
    metrics.deadLetters.inc(letters.size());
    metrics.flushed();
    s.backoff().clear();
    PartitionBuffer rest = b;
    for (Map.Entry<String, List<RawRecord>> r : remaining.entrySet()) {
      rest = rest.withRemaining(r.getKey(), r.getValue());
    }
    commitDurable(s, rest);
    return rest;
  }

  /** The offset below which every record of the partition is written: the lowest buffered, or the highest seen + 1. */
  private static Long commitTarget(PartitionState s, PartitionBuffer buffered) {
    Long seen = s.maxSeen().read();
    if (seen == null) {
      return null;
    }
    return buffered.lowestOffset().isPresent() ? buffered.lowestOffset().getAsLong() : seen + 1;
  }

  private static boolean commitOwed(PartitionState s, PartitionBuffer buffered) {
    Long target = commitTarget(s, buffered);
    Long last = s.committed().read();
    return target != null && (last == null || target > last);
  }

  /**
   * spec: sources.md §1.7 — commits {@link #commitTarget}. A failed commit (broker away) is retried at the next
   * tick; the data is already durable, so a crash meanwhile only re-reads. Returns whether nothing is owed.
   */
  private boolean commitDurable(PartitionState s, PartitionBuffer buffered) {
    Long commitTo = commitTarget(s, buffered);
    if (commitTo == null) {
      return true;
    }
    TopicPartition tp = new TopicPartition(config.topic(), s.partition());
    try {
      Admin admin = KafkaAdmins.forClient(config.clientProperties());
      Long last = s.committed().read();
      if (last == null) {
        // Fresh state (new run, or a runner that rebuilt it): never move the group's offset backwards.
        OffsetAndMetadata current = admin.listConsumerGroupOffsets(TeslaIngestConfig.GROUP_ID)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(tp);
        if (current != null) {
          last = current.offset();
          s.committed().write(last);
        }
      }
      if (last != null && commitTo <= last) {
        return true;
      }
      admin.alterConsumerGroupOffsets(TeslaIngestConfig.GROUP_ID, Map.of(tp, new OffsetAndMetadata(commitTo)))
          .all().get(30, TimeUnit.SECONDS);
      s.committed().write(commitTo);
      LOG.debug("event=offsets_committed partition={} offset={}", s.partition(), commitTo);
      return true;
    } catch (Exception e) {
      LOG.warn("event=offset_commit_failed partition={} offset={} retry_in_ms={} error=\"{}\"", s.partition(),
          commitTo, TICK_MS, e.toString());
      return false;
    }
  }

  /**
   * Sets the flush timer to the earliest of: the oldest key's age deadline, and the next tick — unless an earlier
   * or equal one is already set, or a write retry is pending (its timer is set).
   */
  private void schedule(PartitionState s, PartitionBuffer b, boolean commitOwed, long now) {
    if (s.backoff().read() != null || (b.isEmpty() && !commitOwed)) {
      return;
    }
    long target = now + TICK_MS;
    if (b.oldestFirstMs().isPresent()) {
      target = Math.min(target, b.oldestFirstMs().getAsLong() + config.maxAge().toMillis());
    }
    Long at = s.timerAt().read();
    if (at != null && at <= target) {
      return;
    }
    s.flush().offset(org.joda.time.Duration.millis(Math.max(0, target - now))).setRelative();
    s.timerAt().write(target);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
