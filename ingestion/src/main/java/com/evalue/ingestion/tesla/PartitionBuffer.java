package com.evalue.ingestion.tesla;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What one Kafka partition holds unflushed (spec: sources.md §1.6), the state of {@link PartitionFlushFn}: per
 * buffer key (VIN, or dead letters), the processing time its first unflushed record arrived and its
 * {@link Chunk}s in offset order.
 *
 * <p>Immutable: every change returns a new value that shares the untouched entries, so a runner that keeps state
 * as objects (DirectRunner) and one that encodes it (Spark) see the same thing, and a change costs a copy of the
 * key map, not of the buffered records.
 */
final class PartitionBuffer {
  static final PartitionBuffer EMPTY = new PartitionBuffer(Map.of());
  /** A key's last chunk below this many records absorbs the next one. */
  static final int SMALL_CHUNK = 256;

  /** One key's unflushed records. */
  record Entry(long firstMs, long count, long minOffset, List<Chunk> chunks) {
    Entry plus(Chunk c) {
      List<Chunk> more = new ArrayList<>(chunks.size() + 1);
      more.addAll(chunks);
      Chunk last = more.get(more.size() - 1);
      if (last.count() < SMALL_CHUNK) {
        // small bundles (the DirectRunner reads 10 records per bundle) would otherwise leave one chunk per record
        more.set(more.size() - 1, last.append(c));
      } else {
        more.add(c);
      }
      return new Entry(firstMs, count + c.count(), Math.min(minOffset, c.minOffset()),
          Collections.unmodifiableList(more));
    }
  }

  private final Map<String, Entry> entries;

  private PartitionBuffer(Map<String, Entry> entries) {
    this.entries = entries;
  }

  static PartitionBuffer orEmpty(PartitionBuffer b) {
    return b == null ? EMPTY : b;
  }

  /** {@code chunks} appended; a key seen for the first time since its last flush starts its age at {@code nowMs}. */
  PartitionBuffer plus(List<Chunk> chunks, long nowMs) {
    if (chunks.isEmpty()) {
      return this;
    }
    Map<String, Entry> next = new HashMap<>(entries);
    for (Chunk c : chunks) {
      Entry e = next.get(c.key());
      next.put(c.key(), e == null
          ? new Entry(nowMs, c.count(), c.minOffset(), List.of(c))
          : e.plus(c));
    }
    return new PartitionBuffer(Collections.unmodifiableMap(next));
  }

  /**
   * {@code key}'s records replaced by {@code remaining} (what a partial flush left, offset order); its age restarts
   * at the earliest {@code received_at} among them. No records left: the key is gone.
   */
  PartitionBuffer withRemaining(String key, List<RawRecord> remaining) {
    Map<String, Entry> next = new HashMap<>(entries);
    if (remaining.isEmpty()) {
      next.remove(key);
    } else {
      Chunk c = Chunk.of(key, remaining);
      long first = remaining.stream().mapToLong(RawRecord::receivedAtMs).min().orElseThrow();
      next.put(key, new Entry(first, c.count(), c.minOffset(), List.of(c)));
    }
    return next.isEmpty() ? EMPTY : new PartitionBuffer(Collections.unmodifiableMap(next));
  }

  long count(String key) {
    Entry e = entries.get(key);
    return e == null ? 0 : e.count();
  }

  PartitionBuffer without(Set<String> keys) {
    Map<String, Entry> next = new HashMap<>(entries);
    next.keySet().removeAll(keys);
    return next.isEmpty() ? EMPTY : new PartitionBuffer(Collections.unmodifiableMap(next));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  Set<String> keys() {
    return entries.keySet();
  }

  List<Chunk> chunks(String key) {
    Entry e = entries.get(key);
    return e == null ? List.of() : e.chunks();
  }

  long total() {
    long n = 0;
    for (Entry e : entries.values()) {
      n += e.count();
    }
    return n;
  }

  /** Keys holding at least {@code maxEnvelopes} records (the count rule of §1.6). */
  Set<String> full(int maxEnvelopes) {
    Set<String> out = new HashSet<>();
    entries.forEach((k, e) -> {
      if (e.count() >= maxEnvelopes) {
        out.add(k);
      }
    });
    return out;
  }

  /** Keys due at {@code nowMs}: full, or {@code maxAgeMs} after their first unflushed record (§1.6). */
  Set<String> due(long nowMs, long maxAgeMs, int maxEnvelopes) {
    Set<String> out = new HashSet<>();
    entries.forEach((k, e) -> {
      if (e.count() >= maxEnvelopes || nowMs >= e.firstMs() + maxAgeMs) {
        out.add(k);
      }
    });
    return out;
  }

  /** Processing time of the oldest unflushed record. */
  OptionalLong oldestFirstMs() {
    return entries.values().stream().mapToLong(Entry::firstMs).min();
  }

  /** The lowest buffered offset: every offset below it (and above the last commit) is written. */
  OptionalLong lowestOffset() {
    return entries.values().stream().mapToLong(Entry::minOffset).min();
  }

  static final class PartitionBufferCoder extends AtomicCoder<PartitionBuffer> {
    static final PartitionBufferCoder INSTANCE = new PartitionBufferCoder();

    @Override
    public void encode(PartitionBuffer b, OutputStream out) throws IOException {
      VarIntCoder.of().encode(b.entries.size(), out);
      for (Map.Entry<String, Entry> e : b.entries.entrySet()) {
        StringUtf8Coder.of().encode(e.getKey(), out);
        VarLongCoder.of().encode(e.getValue().firstMs(), out);
        VarIntCoder.of().encode(e.getValue().chunks().size(), out);
        for (Chunk c : e.getValue().chunks()) {
          Chunk.ChunkCoder.INSTANCE.encode(c, out);
        }
      }
    }

    @Override
    public PartitionBuffer decode(InputStream in) throws IOException {
      int n = VarIntCoder.of().decode(in);
      if (n == 0) {
        return EMPTY;
      }
      Map<String, Entry> entries = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String key = StringUtf8Coder.of().decode(in);
        long first = VarLongCoder.of().decode(in);
        int chunks = VarIntCoder.of().decode(in);
        List<Chunk> list = new ArrayList<>(chunks);
        long count = 0;
        long min = Long.MAX_VALUE;
        for (int j = 0; j < chunks; j++) {
          Chunk c = Chunk.ChunkCoder.INSTANCE.decode(in);
          list.add(c);
          count += c.count();
          min = Math.min(min, c.minOffset());
        }
        entries.put(key, new Entry(first, count, min, Collections.unmodifiableList(list)));
      }
      return new PartitionBuffer(Collections.unmodifiableMap(entries));
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of();
    }

    @Override
    public void verifyDeterministic() {}
  }
}
