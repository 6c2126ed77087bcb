package com.evalue.io.archive;

import com.evalue.io.parquet.ParquetBytes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A compaction run's change log: (vin, data_date, content_digest) per rewritten file (spec: storage.md §3.5). */
public final class ChangeLog {
  public static final Schema SCHEMA = SchemaBuilder.record("CompressedChange").namespace("com.evalue.archive")
      .fields()
      .requiredString("vin")
      .name("data_date").type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
      .requiredString("content_digest")
      .endRecord();

  /** One rewritten compressed file. */
  public record Entry(String vin, LocalDate dataDate, String contentDigest) implements java.io.Serializable {}

  private ChangeLog() {}

  public static byte[] toParquet(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::dataDate).thenComparing(Entry::vin));
    List<GenericRecord> records = new ArrayList<>(sorted.size());
    for (Entry e : sorted) {
      GenericRecord r = new GenericData.Record(SCHEMA);
      r.put("vin", e.vin());
      r.put("data_date", (int) e.dataDate().toEpochDay());
      r.put("content_digest", e.contentDigest());
      records.add(r);
    }
    return ParquetBytes.write(SCHEMA, records, Map.of(ParquetBytes.SCHEMA_VERSION_KEY, "1"));
  }

  public static List<Entry> fromParquet(byte[] file) {
    List<Entry> out = new ArrayList<>();
    for (GenericRecord r : ParquetBytes.read(file).records()) {
      out.add(new Entry(r.get("vin").toString(), LocalDate.ofEpochDay((Integer) r.get("data_date")),
          r.get("content_digest").toString()));
    }
    return out;
  }
}
