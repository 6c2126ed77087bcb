package com.evalue.transforms.source;

import com.evalue.transforms.model.Envelope;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * raw_tss step 2 (spec: pipeline.md §1.2): compressed rows (envelopes) → long signal records on {@link #SIGNALS};
 * rows that cannot be decoded → {@link #FAILURES} for the DLQ, while the rest of the file continues. The parse
 * counters of {@link SignalDecoder} become Beam counters of the same names, in the namespace of this class
 * ({@code parse.bad_number}, {@code parse.invalid{signal}}, {@code parse.unknown_unit{make,signal,unit}},
 * {@code parse.bad_timestamp}), plus {@code parse.dead_letter} and {@code parse.signal_values}.
 */
public final class DecodeSignals extends PTransform<PCollection<Envelope>, PCollectionTuple> {
  private static final long serialVersionUID = 1L;

  public static final TupleTag<SignalValue> SIGNALS = new TupleTag<>("signals") {};
  public static final TupleTag<DecodeFailure> FAILURES = new TupleTag<>("decodeFailures") {};

  /** Counter of values emitted. */
  public static final String SIGNAL_VALUES = "parse.signal_values";

  public static DecodeSignals create() {
    return new DecodeSignals();
  }

  private DecodeSignals() {}

  @Override
  public PCollectionTuple expand(PCollection<Envelope> envelopes) {
    PCollectionTuple out = envelopes.apply("DecodeEnvelopes",
        ParDo.of(new DecodeFn()).withOutputTags(SIGNALS, TupleTagList.of(FAILURES)));
    out.get(SIGNALS).setCoder(SignalValueCoder.of());
    out.get(FAILURES).setCoder(DecodeFailureCoder.of());
    return out;
  }

  /** The thin adapter around {@link SignalDecoder#decode}. */
  static final class DecodeFn extends DoFn<Envelope, SignalValue> {
    private static final long serialVersionUID = 1L;
    private final Counter deadLetters = Metrics.counter(DecodeSignals.class, ParseCounters.DEAD_LETTER);
    private final Counter values = Metrics.counter(DecodeSignals.class, SIGNAL_VALUES);

    @ProcessElement
    public void process(@Element Envelope envelope, MultiOutputReceiver out) {
      DecodeResult result = SignalDecoder.decode(envelope);
      for (Map.Entry<String, Long> c : result.counters().entrySet()) {
        Metrics.counter(DecodeSignals.class, c.getKey()).inc(c.getValue());
      }
      if (result.failed()) {
        deadLetters.inc();
        out.get(FAILURES).output(new DecodeFailure(envelope, result.error()));
        return;
      }
      OutputReceiver<SignalValue> signals = out.get(SIGNALS);
      result.values().forEach(signals::output);
      values.inc(result.values().size());
    }
  }
}
