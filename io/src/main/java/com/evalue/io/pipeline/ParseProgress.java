package com.evalue.io.pipeline;

import com.evalue.io.parquet.ParquetBytes;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The raw_tss progress marker of a make (spec: storage.md §4.3): which compressed days were parsed with which
 * content digest, and which compaction change logs were consumed.
 *
 * <pre>
 *   raw_tss/{make}/_progress/progress.parquet   (vin, data_date, content_digest, parsed_at)
 *   raw_tss/{make}/_progress/changes.parquet    (change_log)
 * </pre>
 */
public final class ParseProgress {
  static final Schema PROGRESS = SchemaBuilder.record("ParseProgress").namespace("com.evalue.raw_tss").fields()
      .requiredString("vin")
      .name("data_date").type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
      .requiredString("content_digest")
      .name("parsed_at").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
      .noDefault()
      .endRecord();
  static final Schema CHANGES = SchemaBuilder.record("ConsumedChangeLog").namespace("com.evalue.raw_tss").fields()
      .requiredString("change_log")
      .endRecord();

  /** One parsed compressed day. */
  public record Day(String vin, LocalDate dataDate, String contentDigest, Instant parsedAt)
      implements java.io.Serializable {}

  private final Map<String, Day> days; // key vin|date
  private final TreeSet<String> consumedChangeLogs;

  private ParseProgress(Map<String, Day> days, TreeSet<String> consumed) {
    this.days = days;
    this.consumedChangeLogs = consumed;
  }

  public static String progressPath(Make make) {
    return "raw_tss/" + make.code() + "/_progress/progress.parquet";
  }

  public static String changesPath(Make make) {
    return "raw_tss/" + make.code() + "/_progress/changes.parquet";
  }

  public static ParseProgress read(Warehouse warehouse, Make make) {
    Map<String, Day> days = new TreeMap<>();
    warehouse.readIfExists(progressPath(make)).ifPresent(bytes -> {
      for (GenericRecord r : ParquetBytes.read(bytes).records()) {
        Day d = new Day(r.get("vin").toString(), LocalDate.ofEpochDay((Integer) r.get("data_date")),
            r.get("content_digest").toString(), Timestamps.fromEpochMicros((Long) r.get("parsed_at")));
        days.put(key(d.vin(), d.dataDate()), d);
      }
    });
    TreeSet<String> consumed = new TreeSet<>();
    warehouse.readIfExists(changesPath(make)).ifPresent(bytes -> {
      for (GenericRecord r : ParquetBytes.read(bytes).records()) {
        consumed.add(r.get("change_log").toString());
      }
    });
    return new ParseProgress(days, consumed);
  }

  public Optional<Day> day(String vin, LocalDate date) {
    return Optional.ofNullable(days.get(key(vin, date)));
  }

  public boolean consumed(String changeLog) {
    return consumedChangeLogs.contains(changeLog);
  }

  /** A VIN's last_parsed_date: its greatest parsed data date (§4.3). */
  public Optional<LocalDate> lastParsedDate(String vin) {
    return days.values().stream().filter(d -> d.vin().equals(vin)).map(Day::dataDate).max(LocalDate::compareTo);
  }

  public int size() {
    return days.size();
  }

  /** A new marker with the given days recorded and change logs consumed. */
  public ParseProgress with(Collection<Day> parsed, Collection<String> changeLogs) {
    Map<String, Day> d = new TreeMap<>(days);
    parsed.forEach(p -> d.put(key(p.vin(), p.dataDate()), p));
    TreeSet<String> c = new TreeSet<>(consumedChangeLogs);
    c.addAll(changeLogs);
    return new ParseProgress(d, c);
  }

  /** Written last in the raw_tss commit order (§4.5): the marker, then the consumed change logs. */
  public void write(Warehouse warehouse, Make make) {
    List<GenericRecord> rows = new ArrayList<>();
    for (Day d : days.values()) {
      GenericRecord r = new GenericData.Record(PROGRESS);
      r.put("vin", d.vin());
      r.put("data_date", (int) d.dataDate().toEpochDay());
      r.put("content_digest", d.contentDigest());
      r.put("parsed_at", Timestamps.toEpochMicros(d.parsedAt()));
      rows.add(r);
    }
    warehouse.write(progressPath(make), ParquetBytes.write(PROGRESS, rows,
        Map.of(ParquetBytes.SCHEMA_VERSION_KEY, "1")));
    List<GenericRecord> logs = new ArrayList<>();
    for (String c : consumedChangeLogs) {
      GenericRecord r = new GenericData.Record(CHANGES);
      r.put("change_log", c);
      logs.add(r);
    }
    warehouse.write(changesPath(make), ParquetBytes.write(CHANGES, logs,
        Map.of(ParquetBytes.SCHEMA_VERSION_KEY, "1")));
  }

  private static String key(String vin, LocalDate date) {
    return vin + "|" + date;
  }
}
