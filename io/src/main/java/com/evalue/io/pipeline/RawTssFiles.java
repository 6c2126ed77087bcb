package com.evalue.io.pipeline;

import com.evalue.io.parquet.TableParquet;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.health.Column;
import com.evalue.transforms.health.ColumnKind;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.rawtss.RawTssSchema;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.SignalColumn;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VIN-month files of raw_tss, {@code raw_tss/{make}/YYYY/MM/{vin}.parquet} (spec: storage.md §4.1): the fixed
 * columns, one nullable column per canonical signal of the make, and {@code invalid_signals}.
 */
public final class RawTssFiles {
  public static final String SCHEMA_VERSION = "1";

  private RawTssFiles() {}

  public static String path(Make make, String vin, YearMonth month) {
    return String.format("raw_tss/%s/%04d/%02d/%s.parquet", make.code(), month.getYear(), month.getMonthValue(),
        vin);
  }

  /** Every month file of one VIN. */
  public static String vinGlob(Make make, String vin) {
    return "raw_tss/" + make.code() + "/*/*/" + vin + ".parquet";
  }

  public static List<Column> columns(Make make) {
    List<Column> cols = new ArrayList<>();
    cols.add(new Column(RawTssRow.VIN, ColumnKind.STRING, false));
    cols.add(new Column(RawTssRow.TIMESTAMP, ColumnKind.TIMESTAMP, false));
    cols.add(new Column(RawTssRow.DATA_DATE, ColumnKind.DATE, false));
    cols.add(new Column(RawTssRow.RECEIVED_AT, ColumnKind.TIMESTAMP, false));
    for (SignalColumn s : RawTssSchema.signalColumns(make)) {
      ColumnKind kind = switch (s.type()) {
        case DOUBLE -> ColumnKind.DOUBLE;
        case STRING -> ColumnKind.STRING;
        case BOOLEAN -> ColumnKind.BOOLEAN;
      };
      cols.add(new Column(s.name(), kind, true));
    }
    cols.add(new Column(RawTssRow.INVALID_SIGNALS, ColumnKind.STRING_LIST, false));
    return List.copyOf(cols);
  }

  public static byte[] encode(Make make, List<RawTssRow> rows) {
    List<Column> cols = columns(make);
    List<Object[]> out = new ArrayList<>(rows.size());
    for (RawTssRow r : rows) {
      Object[] row = new Object[cols.size()];
      for (int i = 0; i < cols.size(); i++) {
        row[i] = r.get(cols.get(i).name());
      }
      out.add(row);
    }
    return TableParquet.write("RawTss", cols, out, SCHEMA_VERSION);
  }

  @SuppressWarnings("unchecked")
  public static List<RawTssRow> decode(Make make, byte[] file) {
    List<Column> cols = columns(make);
    List<RawTssRow> out = new ArrayList<>();
    for (Object[] row : TableParquet.read(cols, file)) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 4; i < cols.size() - 1; i++) {
        if (row[i] != null) {
          values.put(cols.get(i).name(), row[i]);
        }
      }
      out.add(new RawTssRow((String) row[0], (Instant) row[1], (LocalDate) row[2], (Instant) row[3], values,
          (List<String>) row[cols.size() - 1]));
    }
    return out;
  }

  /** All rows of one VIN over its whole history, in storage order (month files in name order). */
  public static List<RawTssRow> readVin(Warehouse warehouse, Make make, String vin) {
    List<RawTssRow> rows = new ArrayList<>();
    for (String path : warehouse.list(vinGlob(make, vin))) {
      rows.addAll(decode(make, warehouse.read(path)));
    }
    return rows;
  }
}
