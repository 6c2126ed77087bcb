package com.evalue.io.pipeline;

import com.evalue.io.parquet.TableParquet;
import com.evalue.transforms.health.Column;
import com.evalue.transforms.health.ColumnKind;
import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.SignalColumn;
import com.evalue.transforms.source.Signals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The derived per-VIN datasets (spec: storage.md §5): {@code processed_tss/{make}/points|phases/{vin}.parquet},
 * {@code raw_results/{make}/{vin}.parquet}, {@code processed_results/{make}/{vin}.parquet}. Each is rewritten
 * whole from the VIN's history; an empty result is a file with the schema and no rows.
 */
public final class HealthFiles {
  public static final String SCHEMA_VERSION = "1";

  private HealthFiles() {}

  public static String points(Make make, String vin) {
    return "processed_tss/" + make.code() + "/points/" + vin + ".parquet";
  }

  public static String phases(Make make, String vin) {
    return "processed_tss/" + make.code() + "/phases/" + vin + ".parquet";
  }

  public static String rawResults(Make make, String vin) {
    return "raw_results/" + make.code() + "/" + vin + ".parquet";
  }

  public static String processedResults(Make make, String vin) {
    return "processed_results/" + make.code() + "/" + vin + ".parquet";
  }

  public static String rawResultsGlob(Make make) {
    return "raw_results/" + make.code() + "/*.parquet";
  }

  public static String processedResultsGlob(Make make) {
    return "processed_results/" + make.code() + "/*.parquet";
  }

  /** The VIN of a per-VIN file name. */
  public static String vinOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.substring(0, name.length() - ".parquet".length());
  }

  /** Points: vin, timestamp, every normalised signal of the make, invalid_signals, seg_status, seg_phase_index. */
  public static List<Column> pointColumns(Make make) {
    List<Column> cols = new ArrayList<>();
    cols.add(new Column(ProcessedPoint.VIN, ColumnKind.STRING, false));
    cols.add(new Column(ProcessedPoint.TIMESTAMP, ColumnKind.TIMESTAMP, false));
    for (SignalColumn s : Signals.columnsFor(make)) {
      cols.add(new Column(s.name(), switch (s.type()) {
        case DOUBLE -> ColumnKind.DOUBLE;
        case STRING -> ColumnKind.STRING;
        case BOOLEAN -> ColumnKind.BOOLEAN;
      }, true));
    }
    cols.add(new Column(ProcessedPoint.INVALID_SIGNALS, ColumnKind.STRING_LIST, false));
    cols.add(new Column(ProcessedPoint.SEG_STATUS, ColumnKind.STRING, true));
    cols.add(new Column(ProcessedPoint.SEG_PHASE_INDEX, ColumnKind.INT, true));
    return List.copyOf(cols);
  }

  public static byte[] encodePoints(Make make, List<ProcessedPoint> points) {
    List<Column> cols = pointColumns(make);
    List<Object[]> rows = new ArrayList<>(points.size());
    for (ProcessedPoint p : points) {
      Object[] row = new Object[cols.size()];
      row[0] = p.vin();
      row[1] = p.timestamp();
      for (int i = 2; i < cols.size() - 3; i++) {
        row[i] = p.values().get(cols.get(i).name());
      }
      row[cols.size() - 3] = p.invalidSignals();
      row[cols.size() - 2] = p.segStatus() == null ? null : p.segStatus().label();
      row[cols.size() - 1] = p.segPhaseIndex();
      rows.add(row);
    }
    return TableParquet.write("ProcessedPoint", cols, rows, SCHEMA_VERSION);
  }

  /** Any record dataset with a {@link ColumnSet} (phases, raw_results, processed_results). */
  public static <R extends Record> byte[] encode(String name, ColumnSet<R> columns, List<R> records) {
    List<Object[]> rows = new ArrayList<>(records.size());
    for (R r : records) {
      rows.add(columns.values(r).toArray());
    }
    return TableParquet.write(name, columns.columns(), rows, SCHEMA_VERSION);
  }

  public static <R extends Record> List<R> decode(ColumnSet<R> columns, byte[] file) {
    List<R> out = new ArrayList<>();
    List<Column> cols = columns.columns();
    for (Object[] row : TableParquet.read(cols, file)) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < cols.size(); i++) {
        values.put(cols.get(i).name(), row[i]);
      }
      out.add(columns.create(values));
    }
    return out;
  }
}
