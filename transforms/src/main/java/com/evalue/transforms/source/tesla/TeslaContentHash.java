package com.evalue.transforms.source.tesla;

import com.evalue.transforms.model.ContentHash;
import com.evalue.transforms.model.Timestamps;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The Tesla content hash (spec: sources.md §2.6.3): SHA-256 over the VIN, the event time and the data as (field
 * number, value case, value) triples sorted on all three. {@code is_resend} and the encoding form are not part of
 * it, so a resent record, a republished copy and the JSON form of the same record all collapse at compaction.
 *
 * <p>The canonical text is {@code {"vin":…,"event_time":"…(µs)Z","data":[[field,case,value],…]}}: field and case
 * are proto numbers (a JSON key or value member we do not know appears by its name instead), value is
 * {@link TeslaValue#canonical()}.
 */
public final class TeslaContentHash {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Comparator<TeslaRecord.Datum> ORDER =
      Comparator.comparingInt(TeslaContentHash::fieldOrder)
          .thenComparing(TeslaRecord.Datum::fieldName)
          .thenComparingInt(d -> d.value().valueCase())
          .thenComparing(d -> d.value().caseName())
          .thenComparing(d -> d.value().canonical());

  private TeslaContentHash() {}

  public static String of(String vin, Instant eventTime, List<TeslaRecord.Datum> data) {
    return ContentHash.sha256Hex(canonical(vin, eventTime, data));
  }

  static String canonical(String vin, Instant eventTime, List<TeslaRecord.Datum> data) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("vin", vin);
    root.put("event_time", Timestamps.formatMicros(Timestamps.truncateToMicros(eventTime)));
    ArrayNode triples = root.putArray("data");
    data.stream().sorted(ORDER).forEach(d -> {
      ArrayNode t = triples.addArray();
      if (d.fieldName().isEmpty()) {
        t.add(d.field());
      } else {
        t.add(d.fieldName());
      }
      if (d.value().caseName().isEmpty()) {
        t.add(d.value().valueCase());
      } else {
        t.add(d.value().caseName());
      }
      t.add(d.value().canonical());
    });
    return root.toString();
  }

  /** Known numbers first, in numeric order; JSON key names we do not know after them. */
  private static int fieldOrder(TeslaRecord.Datum d) {
    return d.fieldName().isEmpty() ? d.field() : Integer.MAX_VALUE;
  }
}
