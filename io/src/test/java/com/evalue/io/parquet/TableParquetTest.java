package com.evalue.io.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.evalue.transforms.health.Column;
import com.evalue.transforms.health.ColumnKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableParquetTest {
  private static final List<Column> COLUMNS = List.of(
      new Column("vin", ColumnKind.STRING, false),
      new Column("timestamp", ColumnKind.TIMESTAMP, false),
      new Column("data_date", ColumnKind.DATE, false),
      new Column("level_1", ColumnKind.DOUBLE, true),
      new Column("n", ColumnKind.INT, true),
      new Column("ok", ColumnKind.BOOLEAN, true),
      new Column("invalid_signals", ColumnKind.STRING_LIST, true));

  @Test
  void rowsRoundTripWithEveryKindAndNulls() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(new Object[] {"VIN" + i, Instant.parse("2026-01-05T10:00:00.123456Z").plusSeconds(i),
          LocalDate.of(2026, 1, 5), i % 3 == 0 ? null : i * 0.5, i % 4 == 0 ? null : i, i % 2 == 0,
          i % 5 == 0 ? null : List.of("soc", "odometer")});
    }
    List<Object[]> back = TableParquet.read(COLUMNS, TableParquet.write("T", COLUMNS, rows, "1"));
    assertEquals(rows.size(), back.size());
    for (int i = 0; i < rows.size(); i++) {
      assertArrayEquals(rows.get(i), back.get(i), "row " + i);
    }
  }

  @Test
  void aColumnAbsentFromTheFileReadsAsNullAndColumnsAreFoundByName() {
    List<Column> written = List.of(COLUMNS.get(3), COLUMNS.get(0));
    byte[] file = TableParquet.write("T", written, List.<Object[]>of(new Object[] {1.5, "A"}), "1");
    List<Column> read = List.of(COLUMNS.get(0), new Column("level_2", ColumnKind.DOUBLE, true), COLUMNS.get(3));
    Object[] row = TableParquet.read(read, file).get(0);
    assertEquals("A", row[0]);
    assertNull(row[1]);
    assertEquals(1.5, row[2]);
  }
}
