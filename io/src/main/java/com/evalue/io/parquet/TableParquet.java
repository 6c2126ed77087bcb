package com.evalue.io.parquet;

import com.evalue.transforms.health.Column;
import com.evalue.transforms.model.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * Parquet files of the pipeline datasets from a column list (spec: storage.md §1.6: timestamps are
 * {@code TIMESTAMP(MICROS, UTC)}, dates {@code DATE}). Rows are {@code Object[]} aligned with the columns, holding
 * the Java types of {@link com.evalue.transforms.health.ColumnKind}; reading gives the same types back.
 */
public final class TableParquet {
  private TableParquet() {}

  public static Schema schema(String recordName, List<Column> columns) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Column c : columns) {
      Schema type = switch (c.kind()) {
        case STRING -> Schema.create(Schema.Type.STRING);
        case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
        case INT -> Schema.create(Schema.Type.INT);
        case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
        case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        case STRING_LIST -> Schema.createArray(Schema.create(Schema.Type.STRING));
      };
      if (c.nullable()) {
        type = Schema.createUnion(Schema.create(Schema.Type.NULL), type);
      }
      fields.add(new Schema.Field(avroName(c.name()), type, null, c.nullable() ? Schema.Field.NULL_DEFAULT_VALUE : null));
    }
    return Schema.createRecord(recordName, null, "com.evalue.datasets", false, fields);
  }

  public static byte[] write(String recordName, List<Column> columns, List<Object[]> rows, String schemaVersion) {
    Schema schema = schema(recordName, columns);
    List<GenericRecord> records = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      GenericRecord r = new GenericData.Record(schema);
      for (int i = 0; i < columns.size(); i++) {
        r.put(i, toAvro(columns.get(i), row[i]));
      }
      records.add(r);
    }
    return ParquetBytes.write(schema, records, Map.of(ParquetBytes.SCHEMA_VERSION_KEY, schemaVersion));
  }

  public static List<Object[]> read(List<Column> columns, byte[] file) {
    List<Object[]> out = new ArrayList<>();
    // Field positions are resolved once per file, not per cell: the name mapping per cell was half of the CPU time
    // of reading raw_tss month files (docs/benchmarks.md, "Pipeline"). A column absent from the file reads as null.
    int[] positions = null;
    for (GenericRecord r : ParquetBytes.read(file).records()) {
      if (positions == null) {
        positions = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
          Schema.Field f = r.getSchema().getField(avroName(columns.get(i).name()));
          positions[i] = f == null ? -1 : f.pos();
        }
      }
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        row[i] = positions[i] < 0 ? null : fromAvro(columns.get(i), r.get(positions[i]));
      }
      out.add(row);
    }
    return out;
  }

  private static final java.util.regex.Pattern NOT_AVRO_NAME = java.util.regex.Pattern.compile("[^A-Za-z0-9_]");

  /** Avro names allow letters, digits and '_' only; the spec's column names already are (e.g. level_1). */
  private static String avroName(String column) {
    return NOT_AVRO_NAME.matcher(column).replaceAll("_");
  }

  private static Object toAvro(Column c, Object v) {
    if (v == null) {
      if (!c.nullable()) {
        throw new IllegalArgumentException("column " + c.name() + " is not nullable");
      }
      return null;
    }
    return switch (c.kind()) {
      case TIMESTAMP -> Timestamps.toEpochMicros((Instant) v);
      case DATE -> (int) ((LocalDate) v).toEpochDay();
      case STRING -> v.toString();
      case DOUBLE -> ((Number) v).doubleValue();
      case INT -> ((Number) v).intValue();
      default -> v;
    };
  }

  private static Object fromAvro(Column c, Object v) {
    if (v == null) {
      return null;
    }
    return switch (c.kind()) {
      case TIMESTAMP -> Timestamps.fromEpochMicros((Long) v);
      case DATE -> LocalDate.ofEpochDay((Integer) v);
      case STRING -> v.toString();
      case STRING_LIST -> {
        List<String> list = new ArrayList<>();
        for (Object o : (List<?>) v) {
          list.add(o instanceof Utf8 u ? u.toString() : o.toString());
        }
        yield List.copyOf(list);
      }
      default -> v;
    };
  }
}
