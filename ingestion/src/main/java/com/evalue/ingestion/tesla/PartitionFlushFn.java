package com.evalue.ingestion.tesla;

import com.evalue.ingestion.buffer.TempObjectWriter;
import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.BagState;
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
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temp buffer of the Tesla stream (spec: sources.md §1.6) and its offset commits (§1.7), in one stateful DoFn
 * keyed by Kafka partition.
 *
 * <p>Why keyed by partition and not by VIN: the VIN determines the partition (§2.1), so one partition's state holds
 * every VIN it carries. That lets the same key both apply the per-VIN flush rules (a VIN's envelopes are written
 * when it holds {@code maxEnvelopes}, or {@code maxAge} after its first unflushed one — a processing-time timer set to
 * the earliest due VIN) and know exactly which offsets of the partition are not yet durable. After a flush has
 * written its temp objects (and dead letters), the partition's committed offset becomes the lowest offset still
 * buffered, or the highest offset seen + 1 when nothing is left: every offset below it is in a written object. The
 * commit goes through the Kafka Admin client ({@code alterConsumerGroupOffsets}); KafkaIO's reader only assigns
 * partitions and never joins the group, so the group is "empty" and accepts it. KafkaIO's
 * {@code commitOffsetsInFinalize()} is not used: it commits when the runner finalizes the reader checkpoint, which
 * says nothing about our writes having happened.
 *
 * <p>A crash (or cancel) therefore re-reads from the lowest unwritten offset: records already written are read again
 * and become duplicates in {@code temp/}, which compaction removes (same content hash). Nothing is lost.
 *
 * <p>Assumption, stated: elements of one partition reach this DoFn in offset order (one KafkaIO reader split per
 * partition, no reshuffle in between), as on the DirectRunner; the commit is never moved backwards.
 *
 * <p>A failed write keeps everything in state and retries with backoff (1 s doubling to 60 s). On a bounded read
 * ({@code --until-end-offsets}) {@link Bounded}'s end-of-window (event-time) timer flushes and commits everything;
 * {@link Streaming} has no event-time timer, because the SparkRunner refuses them in streaming mode ("EVENT_TIME
 * not yet supported in streaming mode").
 */
abstract class PartitionFlushFn extends DoFn<KV<Integer, Item>, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionFlushFn.class);
  /** The buffer key of dead letters: they follow the same flush rules as one more "VIN". */
  static final String DEAD_LETTERS = "~dlq";

  private final TeslaIngestConfig config;
  private transient TempObjectWriter writer;
  private transient Admin admin;

  /** The streaming variant: processing-time flush timer only. */
  static final class Streaming extends PartitionFlushFn {
    // Beam wants state and timers declared in the class of their callbacks, so each variant declares its own.
    @StateId("items")
    private final StateSpec<BagState<Item>> itemsSpec = StateSpecs.bag(Item.ItemCoder.INSTANCE);

    @StateId("counts")
    private final StateSpec<ValueState<Map<String, Long>>> countsSpec =
        StateSpecs.value(MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

    /** Per buffer key: processing time (epoch ms) of its first unflushed element. */
    @StateId("firsts")
    private final StateSpec<ValueState<Map<String, Long>>> firstsSpec =
        StateSpecs.value(MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

    @StateId("maxSeen")
    private final StateSpec<ValueState<Long>> maxSeenSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("committed")
    private final StateSpec<ValueState<Long>> committedSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("backoffMs")
    private final StateSpec<ValueState<Long>> backoffSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    Streaming(TeslaIngestConfig config) {
      super(config);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Item> element,
        @StateId("items") BagState<Item> items,
        @StateId("counts") ValueState<Map<String, Long>> counts,
        @StateId("firsts") ValueState<Map<String, Long>> firsts,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @TimerId("flush") Timer flush) {
      add(element, items, counts, firsts, maxSeen, committed, backoff, flush);
    }

    @OnTimer("flush")
    public void onFlush(@Key Integer partition,
        @StateId("items") BagState<Item> items,
        @StateId("counts") ValueState<Map<String, Long>> counts,
        @StateId("firsts") ValueState<Map<String, Long>> firsts,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @TimerId("flush") Timer flush) {
      flushDue(partition, items, counts, firsts, maxSeen, committed, backoff, flush);
    }
  }

  /** The bounded variant ({@code --until-end-offsets}): also flushes everything at the end of the input. */
  static final class Bounded extends PartitionFlushFn {
    // Beam wants state and timers declared in the class of their callbacks, so each variant declares its own.
    @StateId("items")
    private final StateSpec<BagState<Item>> itemsSpec = StateSpecs.bag(Item.ItemCoder.INSTANCE);

    @StateId("counts")
    private final StateSpec<ValueState<Map<String, Long>>> countsSpec =
        StateSpecs.value(MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

    /** Per buffer key: processing time (epoch ms) of its first unflushed element. */
    @StateId("firsts")
    private final StateSpec<ValueState<Map<String, Long>>> firstsSpec =
        StateSpecs.value(MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

    @StateId("maxSeen")
    private final StateSpec<ValueState<Long>> maxSeenSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("committed")
    private final StateSpec<ValueState<Long>> committedSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("backoffMs")
    private final StateSpec<ValueState<Long>> backoffSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("flush")
    private final TimerSpec flushSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    @TimerId("end")
    private final TimerSpec endSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    Bounded(TeslaIngestConfig config) {
      super(config);
    }

    @ProcessElement
    public void process(@Element KV<Integer, Item> element,
        @StateId("items") BagState<Item> items,
        @StateId("counts") ValueState<Map<String, Long>> counts,
        @StateId("firsts") ValueState<Map<String, Long>> firsts,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @TimerId("flush") Timer flush,
        @TimerId("end") Timer end) {
      end.set(GlobalWindow.INSTANCE.maxTimestamp());
      add(element, items, counts, firsts, maxSeen, committed, backoff, flush);
    }

    @OnTimer("flush")
    public void onFlush(@Key Integer partition,
        @StateId("items") BagState<Item> items,
        @StateId("counts") ValueState<Map<String, Long>> counts,
        @StateId("firsts") ValueState<Map<String, Long>> firsts,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @TimerId("flush") Timer flush) {
      flushDue(partition, items, counts, firsts, maxSeen, committed, backoff, flush);
    }

    @OnTimer("end")
    public void onEnd(@Key Integer partition,
        @StateId("items") BagState<Item> items,
        @StateId("counts") ValueState<Map<String, Long>> counts,
        @StateId("firsts") ValueState<Map<String, Long>> firsts,
        @StateId("maxSeen") ValueState<Long> maxSeen,
        @StateId("committed") ValueState<Long> committed,
        @StateId("backoffMs") ValueState<Long> backoff,
        @TimerId("flush") Timer flush) {
      flushEverything(partition, items, counts, firsts, maxSeen, committed, backoff, flush);
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
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    admin = Admin.create(p);
  }

  @Teardown
  public void teardown() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }

  static String bufferKey(Item item) {
    return item.envelope() != null ? item.envelope().vin() : DEAD_LETTERS;
  }

  void add(KV<Integer, Item> element, BagState<Item> items, ValueState<Map<String, Long>> counts,
      ValueState<Map<String, Long>> firsts, ValueState<Long> maxSeen, ValueState<Long> committed,
      ValueState<Long> backoff, Timer flush) {
    Item item = element.getValue();
    String key = bufferKey(item);
    long now = System.currentTimeMillis();
    items.add(item);
    Long seen = maxSeen.read();
    if (seen == null || item.offset() > seen) {
      maxSeen.write(item.offset());
    }
    Map<String, Long> c = new HashMap<>(orEmpty(counts.read()));
    long n = c.merge(key, 1L, Long::sum);
    counts.write(c);
    Map<String, Long> f = new HashMap<>(orEmpty(firsts.read()));
    f.putIfAbsent(key, now);
    firsts.write(f);
    if (n >= config.maxEnvelopes() && backoff.read() == null) {
      flush(element.getKey(), Set.of(key), items, counts, firsts, maxSeen, committed, backoff, flush);
    } else {
      scheduleNext(f, backoff, flush);
    }
  }

  void flushDue(Integer partition, BagState<Item> items, ValueState<Map<String, Long>> counts,
      ValueState<Map<String, Long>> firsts, ValueState<Long> maxSeen, ValueState<Long> committed,
      ValueState<Long> backoff, Timer flush) {
    long now = System.currentTimeMillis();
    Map<String, Long> c = orEmpty(counts.read());
    Set<String> due = new java.util.HashSet<>();
    orEmpty(firsts.read()).forEach((k, first) -> {
      if (backoff.read() != null || now >= first + config.maxAge().toMillis()
          || c.getOrDefault(k, 0L) >= config.maxEnvelopes()) {
        due.add(k);
      }
    });
    if (!due.isEmpty()) {
      flush(partition, due, items, counts, firsts, maxSeen, committed, backoff, flush);
    } else {
      commitDurable(partition, items.read(), maxSeen, committed, flush); // a retry of a failed commit
    }
  }

  /** End of a bounded read: everything is written and committed. */
  void flushEverything(Integer partition, BagState<Item> items, ValueState<Map<String, Long>> counts,
      ValueState<Map<String, Long>> firsts, ValueState<Long> maxSeen, ValueState<Long> committed,
      ValueState<Long> backoff, Timer flush) {
    Duration pause = Duration.ofSeconds(1);
    for (int attempt = 0; attempt < 6; attempt++) {
      backoff.clear();
      flush(partition, Set.copyOf(orEmpty(firsts.read()).keySet()), items, counts, firsts, maxSeen, committed,
          backoff, flush);
      if (orEmpty(firsts.read()).isEmpty()) {
        return;
      }
      sleep(pause);
      pause = pause.multipliedBy(2);
    }
    throw new IllegalStateException("tesla: partition " + partition + " could not be written at end of input");
  }

  private void flush(int partition, Set<String> keys, BagState<Item> items, ValueState<Map<String, Long>> counts,
      ValueState<Map<String, Long>> firsts, ValueState<Long> maxSeen, ValueState<Long> committed,
      ValueState<Long> backoff, Timer flushTimer) {
    List<Envelope> envelopes = new ArrayList<>();
    List<DeadLetter> letters = new ArrayList<>();
    List<Item> keep = new ArrayList<>();
    for (Item item : items.read()) {
      if (!keys.contains(bufferKey(item))) {
        keep.add(item);
      } else if (item.envelope() != null) {
        envelopes.add(item.envelope());
      } else {
        letters.add(item.deadLetter());
      }
    }
    Map<String, Long> f = new HashMap<>(orEmpty(firsts.read()));
    try {
      // TempObjectWriter: one object per (VIN, data date), each write whole and atomic (storage.md §2)
      writer.writeAll(envelopes);
      writer.writeDeadLetters(com.evalue.transforms.model.Make.TESLA.code(), letters);
    } catch (RuntimeException e) {
      // spec: sources.md §1.6 — the batch stays; retried with backoff 1 s doubling to 60 s
      Long b = backoff.read();
      long next = b == null ? 1000 : Math.min(60_000, b * 2);
      backoff.write(next);
      flushTimer.offset(org.joda.time.Duration.millis(next)).setRelative();
      LOG.warn("event=flush_failed partition={} envelopes_kept={} retry_in_ms={} error=\"{}\"", partition,
          envelopes.size() + letters.size(), next, e.getMessage());
      return;
    }
    backoff.clear();
    items.clear();
    keep.forEach(items::add);
    Map<String, Long> c = new HashMap<>(orEmpty(counts.read()));
    keys.forEach(k -> {
      c.remove(k);
      f.remove(k);
    });
    counts.write(c);
    firsts.write(f);
    commitDurable(partition, keep, maxSeen, committed, flushTimer);
    scheduleNext(f, backoff, flushTimer);
  }

  /**
   * spec: sources.md §1.7 — commits the offset below which every record of the partition is written: the lowest
   * offset still buffered, or the highest seen + 1. A failed commit (broker away) is retried by the flush timer in
   * 5 s; the data is already durable, so a crash meanwhile only re-reads.
   */
  private void commitDurable(int partition, Iterable<Item> buffered, ValueState<Long> maxSeen,
      ValueState<Long> committed, Timer flushTimer) {
    Long seen = maxSeen.read();
    if (seen == null) {
      return;
    }
    long commitTo = seen + 1;
    for (Item i : buffered) {
      commitTo = Math.min(commitTo, i.offset());
    }
    TopicPartition tp = new TopicPartition(config.topic(), partition);
    try {
      Long last = committed.read();
      if (last == null) {
        // Fresh state (new run, or a runner that rebuilt it): never move the group's offset backwards.
        OffsetAndMetadata current = admin.listConsumerGroupOffsets(TeslaIngestConfig.GROUP_ID)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(tp);
        if (current != null) {
          last = current.offset();
          committed.write(last);
        }
      }
      if (last != null && commitTo <= last) {
        return;
      }
      admin.alterConsumerGroupOffsets(TeslaIngestConfig.GROUP_ID,
              Map.of(tp, new OffsetAndMetadata(commitTo)))
          .all().get(30, TimeUnit.SECONDS);
      committed.write(commitTo);
      LOG.debug("event=offsets_committed partition={} offset={}", partition, commitTo);
    } catch (Exception e) {
      LOG.warn("event=offset_commit_failed partition={} offset={} retry_in_ms=5000 error=\"{}\"", partition,
          commitTo, e.toString());
      flushTimer.offset(org.joda.time.Duration.standardSeconds(5)).setRelative();
    }
  }

  private void scheduleNext(Map<String, Long> firsts, ValueState<Long> backoff, Timer flush) {
    if (backoff.read() != null || firsts.isEmpty()) {
      return; // a retry timer is set, or nothing is buffered
    }
    long due = firsts.values().stream().mapToLong(Long::longValue).min().orElseThrow() + config.maxAge().toMillis();
    flush.offset(org.joda.time.Duration.millis(Math.max(0, due - System.currentTimeMillis()))).setRelative();
  }

  private static Map<String, Long> orEmpty(Map<String, Long> m) {
    return m == null ? Map.of() : m;
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
