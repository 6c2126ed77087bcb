package com.evalue.ingestion.tesla;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Consecutive records of one Kafka partition and one buffer key ({@link RawRecord#bufferKey}, the VIN), as received
 * and encoded once: the unit {@link BatchRecordsFn} hands over per bundle and the {@link PartitionBuffer} keeps until
 * the key is flushed.
 *
 * <p>Why encoded: a runner that keeps state as bytes (Spark's state internals encode the whole value on every
 * write) then copies these arrays instead of re-encoding every buffered record at every micro-batch; the records
 * are decoded once, when their temp object is written.
 *
 * @param key the buffer key
 * @param count records in {@code records}
 * @param minOffset lowest Kafka offset in {@code records}
 * @param maxOffset highest Kafka offset in {@code records}
 * @param records the records, {@link RawRecord#write} one after the other, in offset order
 */
record Chunk(String key, int count, long minOffset, long maxOffset, byte[] records) {

  /** Encodes {@code records} (same key, offset order). */
  static Chunk of(String key, List<RawRecord> records) {
    int size = 0;
    for (RawRecord r : records) {
      size += r.size();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
    DataOutputStream out = new DataOutputStream(bytes);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    try {
      for (RawRecord r : records) {
        r.write(out);
        min = Math.min(min, r.offset());
        max = Math.max(max, r.offset());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Chunk(key, records.size(), min, max, bytes.toByteArray());
  }

  /** This chunk followed by {@code next} (same key, higher offsets). */
  Chunk append(Chunk next) {
    byte[] both = Arrays.copyOf(records, records.length + next.records().length);
    System.arraycopy(next.records(), 0, both, records.length, next.records().length);
    return new Chunk(key, count + next.count(), Math.min(minOffset, next.minOffset()),
        Math.max(maxOffset, next.maxOffset()), both);
  }

  List<RawRecord> decode() {
    List<RawRecord> out = new ArrayList<>(count);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(records));
    try {
      for (int i = 0; i < count; i++) {
        out.add(RawRecord.read(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static final class ChunkCoder extends AtomicCoder<Chunk> {
    static final ChunkCoder INSTANCE = new ChunkCoder();

    @Override
    public void encode(Chunk c, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(c.key(), out);
      VarIntCoder.of().encode(c.count(), out);
      VarLongCoder.of().encode(c.minOffset(), out);
      VarLongCoder.of().encode(c.maxOffset(), out);
      ByteArrayCoder.of().encode(c.records(), out);
    }

    @Override
    public Chunk decode(InputStream in) throws IOException {
      return new Chunk(StringUtf8Coder.of().decode(in), VarIntCoder.of().decode(in), VarLongCoder.of().decode(in),
          VarLongCoder.of().decode(in), ByteArrayCoder.of().decode(in));
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of();
    }

    @Override
    public void verifyDeterministic() {}
  }
}
