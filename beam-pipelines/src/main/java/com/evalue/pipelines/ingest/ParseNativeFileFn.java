package com.evalue.pipelines.ingest;

import com.evalue.io.deadletter.DeadLetter;
import com.evalue.io.files.NativeMessageReader;
import com.evalue.io.files.NativeMessageReader.Container;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.EnvelopeExtractor;
import com.evalue.transforms.source.Extracted;
import com.evalue.transforms.source.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads one native payload file message by message and turns every message into envelopes (spec: sources.md
 * §1.1–§1.3); what cannot be accepted becomes a dead letter with its original bytes and the reason. The file is
 * streamed, never held whole. Envelopes are keyed by their temp folder
 * {@code make|vin|data date}.
 */
final class ParseNativeFileFn extends DoFn<KV<String, String>, KV<String, Envelope>> {
  static final TupleTag<KV<String, Envelope>> ENVELOPES = new TupleTag<>() {};
  static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};

  private final Counter files = Metrics.counter(IngestFilesPipeline.class, "filesRead");
  private final Counter messages = Metrics.counter(IngestFilesPipeline.class, "messagesRead");
  private final Counter accepted = Metrics.counter(IngestFilesPipeline.class, "envelopesAccepted");
  private final Counter rejected = Metrics.counter(IngestFilesPipeline.class, "rejected");

  private final Clock clock;

  ParseNativeFileFn(Clock clock) {
    this.clock = clock;
  }

  /** The element is (make code, file location). */
  @ProcessElement
  public void process(@Element KV<String, String> file, MultiOutputReceiver out) throws IOException {
    Make make = Make.parse(file.getKey());
    String location = file.getValue();
    String name = location.substring(location.lastIndexOf('/') + 1);
    Container container = Container.of(name);
    if (!NativeFormats.accepts(make, container)) {
      rejected.inc();
      out.get(DEAD_LETTERS).output(letter(make, location, "", "file " + name + " is protobuf, but make " + make.code()
          + " sends JSON", new byte[0], clock.instant()));
      return;
    }
    files.inc();
    try (InputStream in = Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(location, false)))) {
      NativeMessageReader.read(name, in, new NativeMessageReader.Sink() {
        @Override
        public void message(long index, byte[] bytes) {
          messages.inc();
          perMake("messagesRead", make).inc();
          Instant receivedAt = clock.instant();
          String sourceId = String.format("file:%s:%010d", name, index);
          Transport transport = Transport.of(receivedAt, sourceId);
          for (Extracted x : EnvelopeExtractor.extract(make, NativeFormats.of(make, container, bytes), bytes,
              transport)) {
            if (x instanceof Extracted.Accepted a) {
              accepted.inc();
              perMake("envelopesAccepted", make).inc();
              Envelope e = a.envelope();
              out.get(ENVELOPES).output(KV.of(e.make().code() + "|" + e.vin() + "|" + e.dataDate(), e));
            } else if (x instanceof Extracted.Rejected r) {
              rejected.inc();
              perMake("rejected", make).inc();
              out.get(DEAD_LETTERS).output(letter(make, sourceId, r.vin(), r.reason(), r.original(), receivedAt));
            }
          }
        }

        @Override
        public void broken(long index, byte[] rest, String reason) {
          messages.inc();
          rejected.inc();
          perMake("messagesRead", make).inc();
          perMake("rejected", make).inc();
          out.get(DEAD_LETTERS).output(
              letter(make, String.format("file:%s:%010d", name, index), "", reason, rest, clock.instant()));
        }
      });
    }
  }

  /** The same counter per make, e.g. {@code rejected.bmw}, for per-make reports. */
  private static Counter perMake(String name, Make make) {
    return Metrics.counter(IngestFilesPipeline.class, name + "." + make.code());
  }

  private static DeadLetter letter(Make make, String source, String vin, String reason, byte[] original, Instant receivedAt) {
    // spec: storage.md §8 — for ingestion the DLQ date is that of received_at.
    return new DeadLetter("ingestion", make.code(), vin == null ? "" : vin, source, reason, original, receivedAt,
        LocalDate.ofInstant(receivedAt, ZoneOffset.UTC));
  }
}
