package com.evalue.io.deadletter;

import com.evalue.transforms.model.Timestamps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * A rejected record: the original bytes, the stage that rejected it, and why (spec: storage.md §8, "Errors are
 * data" in STYLE.md). Never dropped silently; written under {@code dlq/{stage}/{make}/{date}/}.
 *
 * @param stage {@code ingestion}, {@code compaction}, {@code raw_tss}, …
 * @param make make code, or {@code unknown} when it cannot be told
 * @param vin the VIN when known, else empty
 * @param source where it came from (file and record index, Kafka position, temp object and line)
 * @param reason one-line error text
 * @param original the bytes as received
 * @param time when it was rejected (for ingestion: the received_at)
 * @param date the date folder: for ingestion the date of received_at, for compaction the data date
 */
public record DeadLetter(String stage, String make, String vin, String source, String reason, byte[] original,
    Instant time, LocalDate date) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A letter filed under the UTC date of {@code time}. */
  public static DeadLetter at(String stage, String make, String vin, String source, String reason, byte[] original,
      Instant time) {
    return new DeadLetter(stage, make, vin, source, reason, original, time, LocalDate.ofInstant(time, ZoneOffset.UTC));
  }

  public String toJsonLine() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("stage", stage);
    n.put("make", make);
    n.put("vin", vin);
    n.put("source", source);
    n.put("reason", reason);
    n.put("time", Timestamps.formatMicros(time));
    n.put("date", date.toString());
    n.put("original_b64", Base64.getEncoder().encodeToString(original));
    return n.toString();
  }

  public static DeadLetter fromJsonLine(String line) {
    try {
      JsonNode n = MAPPER.readTree(line);
      return new DeadLetter(n.path("stage").asText(), n.path("make").asText(), n.path("vin").asText(),
          n.path("source").asText(), n.path("reason").asText(),
          Base64.getDecoder().decode(n.path("original_b64").asText()),
          Timestamps.parseIso(n.path("time").asText()), LocalDate.parse(n.path("date").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Explicit Beam coder. */
  public static final class DeadLetterCoder extends AtomicCoder<DeadLetter> {
    private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();
    private static final StringUtf8Coder S = StringUtf8Coder.of();

    public static DeadLetterCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(DeadLetter d, OutputStream out) throws IOException {
      S.encode(d.stage, out);
      S.encode(d.make, out);
      S.encode(d.vin, out);
      S.encode(d.source, out);
      S.encode(d.reason, out);
      ByteArrayCoder.of().encode(d.original, out);
      VarLongCoder.of().encode(Timestamps.toEpochMicros(d.time), out);
      VarLongCoder.of().encode(d.date.toEpochDay(), out);
    }

    @Override
    public DeadLetter decode(InputStream in) throws IOException {
      return new DeadLetter(S.decode(in), S.decode(in), S.decode(in), S.decode(in), S.decode(in),
          ByteArrayCoder.of().decode(in), Timestamps.fromEpochMicros(VarLongCoder.of().decode(in)),
          LocalDate.ofEpochDay(VarLongCoder.of().decode(in)));
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of();
    }

    @Override
    public void verifyDeterministic() {}
  }
}
