package com.evalue.ingestion.tesla;

import com.evalue.io.deadletter.DeadLetter;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.EnvelopeCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One consumed Kafka record on its way to durable storage: its offset, and either its envelope or its dead letter.
 * Both kinds count for the offset commit (sources.md §1.7): a record is done when its temp object or its dead
 * letter is written.
 */
record Item(long offset, @Nullable Envelope envelope, @Nullable DeadLetter deadLetter) {
  static final class ItemCoder extends AtomicCoder<Item> {
    static final ItemCoder INSTANCE = new ItemCoder();

    @Override
    public void encode(Item item, OutputStream out) throws IOException {
      VarLongCoder.of().encode(item.offset(), out);
      BooleanCoder.of().encode(item.envelope() != null, out);
      if (item.envelope() != null) {
        EnvelopeCoder.of().encode(item.envelope(), out);
      } else {
        DeadLetter.DeadLetterCoder.of().encode(item.deadLetter(), out);
      }
    }

    @Override
    public Item decode(InputStream in) throws IOException {
      long offset = VarLongCoder.of().decode(in);
      return BooleanCoder.of().decode(in)
          ? new Item(offset, EnvelopeCoder.of().decode(in), null)
          : new Item(offset, null, DeadLetter.DeadLetterCoder.of().decode(in));
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of();
    }

    @Override
    public void verifyDeterministic() {}
  }
}
