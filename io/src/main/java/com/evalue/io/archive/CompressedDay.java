package com.evalue.io.archive;

import com.evalue.io.parquet.ParquetBytes;
import com.evalue.transforms.model.ContentHash;
import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.model.Timestamps;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One compressed vehicle-day, {@code compressed/{make}/YYYY/MM/DD/{vin}.parquet}: one row per distinct received
 * message, sorted by (event_time, received_at, source_id) (spec: storage.md §3.3–§3.4).
 */
public final class CompressedDay {
  public static final String SCHEMA_VERSION = "1";
  public static final String ROW_COUNT_KEY = "evalue.row_count";
  public static final String CONTENT_DIGEST_KEY = "evalue.content_digest";
  public static final String COMPACTED_AT_KEY = "evalue.compacted_at";

  public static final Schema SCHEMA = buildSchema();

  private final List<Envelope> rows;
  private final String contentDigest;

  private CompressedDay(List<Envelope> rows) {
    this.rows = List.copyOf(rows);
    this.contentDigest = digest(rows);
  }

  private static Schema buildSchema() {
    Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    return SchemaBuilder.record("CompressedEnvelope").namespace("com.evalue.archive").fields()
        .requiredString("vin")
        .requiredString("make")
        .name("event_time").type(micros).noDefault()
        .name("received_at").type(micros).noDefault()
        .requiredString("payload_format")
        .requiredBytes("payload")
        .requiredString("source_id")
        .requiredString("content_hash")
        .endRecord();
  }

  /** Steps 3.4–3.5 of the algorithm: de-duplicate and sort the union of existing rows and new envelopes. */
  public static Merge merge(List<Envelope> existing, List<Envelope> incoming) {
    List<Envelope> all = new ArrayList<>(existing.size() + incoming.size());
    all.addAll(existing);
    all.addAll(incoming);
    // Keep, per (vin, event_time, content_hash), the row with the smallest (received_at, source_id).
    all.sort(EnvelopeOrder.BY_DEDUP_KEY_THEN_EARLIEST);
    List<Envelope> kept = new ArrayList<>(all.size());
    Envelope previous = null;
    for (Envelope e : all) {
      if (previous == null || !EnvelopeOrder.sameMessage(previous, e)) {
        kept.add(e);
        previous = e;
      }
    }
    kept.sort(EnvelopeOrder.BY_EVENT_TIME);
    int duplicatesRemoved = all.size() - kept.size();
    return new Merge(new CompressedDay(kept), duplicatesRemoved, sameRows(existing, kept));
  }

  /**
   * Whether the merge kept exactly the existing file's rows, in the file's order (compared by identity). A re-delivered
   * envelope equal to an archived row in every sort key loses to it, because the existing rows come first in
   * {@code all} and {@link List#sort} is stable; one received earlier replaces it, and then the day has changed.
   */
  private static boolean sameRows(List<Envelope> existing, List<Envelope> kept) {
    if (existing.isEmpty() || existing.size() != kept.size()) {
      return false;
    }
    for (int i = 0; i < kept.size(); i++) {
      if (kept.get(i) != existing.get(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The result of merging a day: its rows, how many duplicates were dropped, and whether the rows are exactly those of
   * the existing file (then its bytes need no rewrite: a replay after a crash or a re-ingestion changes nothing).
   */
  public record Merge(CompressedDay day, int duplicatesRemoved, boolean unchanged) {}

  public List<Envelope> rows() {
    return rows;
  }

  /** SHA-256 hex of the content_hash values concatenated in row order (§3.4). */
  public String contentDigest() {
    return contentDigest;
  }

  private static String digest(List<Envelope> rows) {
    MessageDigest md = ContentHash.digest();
    for (Envelope e : rows) {
      md.update(e.contentHash().getBytes(StandardCharsets.US_ASCII));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public byte[] toParquet(Instant compactedAt) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(ParquetBytes.SCHEMA_VERSION_KEY, SCHEMA_VERSION);
    meta.put(ROW_COUNT_KEY, Integer.toString(rows.size()));
    meta.put(CONTENT_DIGEST_KEY, contentDigest);
    meta.put(COMPACTED_AT_KEY, Timestamps.formatMicros(compactedAt));
    List<GenericRecord> records = new ArrayList<>(rows.size());
    for (Envelope e : rows) {
      records.add(toRecord(e));
    }
    return ParquetBytes.write(SCHEMA, records, meta);
  }

  public static CompressedDay fromParquet(byte[] file) {
    ParquetBytes.Contents contents = ParquetBytes.read(file);
    List<Envelope> rows = new ArrayList<>(contents.records().size());
    for (GenericRecord r : contents.records()) {
      rows.add(fromRecord(r));
    }
    return new CompressedDay(rows);
  }

  static GenericRecord toRecord(Envelope e) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("vin", e.vin());
    r.put("make", e.make().code());
    r.put("event_time", Timestamps.toEpochMicros(e.eventTime()));
    r.put("received_at", Timestamps.toEpochMicros(e.receivedAt()));
    r.put("payload_format", e.payloadFormat().code());
    r.put("payload", ByteBuffer.wrap(e.payload()));
    r.put("source_id", e.sourceId());
    r.put("content_hash", e.contentHash());
    return r;
  }

  static Envelope fromRecord(GenericRecord r) {
    ByteBuffer payload = (ByteBuffer) r.get("payload");
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    String make = r.get("make").toString();
    String format = r.get("payload_format").toString();
    return new Envelope(
        r.get("vin").toString(),
        Make.parse(make),
        Timestamps.fromEpochMicros((Long) r.get("event_time")),
        Timestamps.fromEpochMicros((Long) r.get("received_at")),
        PayloadFormat.fromCode(format)
            .orElseThrow(() -> new IllegalArgumentException("unknown payload_format " + format)),
        bytes,
        r.get("source_id").toString(),
        r.get("content_hash").toString());
  }
}
