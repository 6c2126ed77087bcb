package com.evalue.ingestion.tesla;

import com.evalue.ingestion.ops.IngestionMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The link between a running Tesla stream's DoFns and the process around them: the metrics they count into, what
 * each partition holds unflushed, and the drain request of a shutdown (SIGTERM).
 *
 * <p><b>A static, JVM-wide registry keyed by the ingestion id</b> (the writer id of {@link TeslaIngestConfig}, unique
 * per process). Beam DoFns are serialized copies that cannot hold references to the process's objects; on the
 * DirectRunner (the embedded default) and on the SparkRunner with a {@code local[…]} master they run in the same
 * JVM as the process, so they find its control here. DoFns of an ingestion nobody registered (tests, or executors
 * of a Spark cluster, where the ops endpoints of the driver cannot see them) get a detached control: they still
 * work, their counts are simply not exposed, and nothing asks them to drain.
 */
public final class TeslaStreamControl {
  private static final Map<String, TeslaStreamControl> REGISTRY = new ConcurrentHashMap<>();

  /** What one partition's flush DoFn last reported. */
  public record PartitionView(long buffered, Optional<Instant> oldestUnflushed, boolean commitPending,
      long maxSeen) {}

  private final String id;
  private final IngestionMetrics metrics;
  private final Map<Integer, PartitionView> partitions = new ConcurrentHashMap<>();
  /** Per partition, the highest offset handed to the flush DoFn (a maximum: runners may evaluate a step twice). */
  private final Map<Integer, Long> handedOver = new ConcurrentHashMap<>();
  private volatile boolean drain;
  private final java.util.concurrent.atomic.AtomicBoolean firstRead = new java.util.concurrent.atomic.AtomicBoolean();

  private TeslaStreamControl(String id, IngestionMetrics metrics) {
    this.id = id;
    this.metrics = metrics;
  }

  /** Registers the control of ingestion {@code id} (before its pipeline runs). */
  public static TeslaStreamControl register(String id, Clock clock) {
    TeslaStreamControl c = new TeslaStreamControl(id, new IngestionMetrics("tesla", clock));
    if (REGISTRY.putIfAbsent(id, c) != null) {
      throw new IllegalStateException("a Tesla ingestion with id " + id + " is already running in this JVM");
    }
    return c;
  }

  /** The registered control of {@code id}, else a detached one (see the class comment). */
  static TeslaStreamControl of(String id) {
    TeslaStreamControl c = REGISTRY.get(id);
    return c != null ? c : new TeslaStreamControl(id, new IngestionMetrics("tesla", Clock.systemUTC()));
  }

  public void unregister() {
    REGISTRY.remove(id, this);
  }

  public String id() {
    return id;
  }

  public IngestionMetrics metrics() {
    return metrics;
  }

  /** Asks every flush DoFn to write all it holds and commit (within a second: their drain check tick). */
  public void requestDrain() {
    drain = true;
  }

  public boolean drainRequested() {
    return drain;
  }

  /** True the first time only: the stream has read its first record (then logged, once). */
  boolean firstRead() {
    return firstRead.compareAndSet(false, true);
  }

  void handedOver(int partition, long maxOffset) {
    handedOver.merge(partition, maxOffset, Math::max);
  }

  /** Whether records were handed to the flush DoFn that it has not taken into its buffer yet. */
  public boolean inFlight() {
    return handedOver.entrySet().stream().anyMatch(e -> {
      PartitionView v = partitions.get(e.getKey());
      return v == null || v.maxSeen() < e.getValue();
    });
  }

  void report(int partition, long buffered, Optional<Instant> oldest, boolean commitPending, long maxSeen) {
    partitions.put(partition, new PartitionView(buffered, oldest, commitPending, maxSeen));
  }

  public Map<Integer, PartitionView> partitions() {
    return Map.copyOf(partitions);
  }

  /** Records held in memory, not yet in a temp object. */
  public long buffered() {
    return partitions.values().stream().mapToLong(PartitionView::buffered).sum();
  }

  public Optional<Instant> oldestUnflushed() {
    return partitions.values().stream().map(PartitionView::oldestUnflushed).flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  /**
   * Nothing decoded is still on its way to the buffer, nothing is buffered, and every offset written is also
   * committed, in every partition that has reported. Records that KafkaIO has read but not yet handed to the decoder
   * are not known here: their offsets are not committed, so the next start reads them again.
   */
  public boolean drained() {
    return !inFlight()
        && partitions.values().stream().allMatch(p -> p.buffered() == 0 && !p.commitPending());
  }
}
