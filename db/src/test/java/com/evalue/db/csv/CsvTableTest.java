package com.evalue.db.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

  @Test
  void readsQuotedFieldsAndKeepsPhysicalLineNumbers() throws IOException {
    CsvTable t = CsvTable.read(new StringReader("\uFEFFVIN, Make ,Note\r\n"
        + "A1,tesla,\"two\nlines\"\r\n"
        + "\n"
        + "A2,\"kia, the brand\",\"say \"\"hi\"\"\"\n"
        + "A3,bmw\n"));
    assertEquals(List.of("vin", "make", "note"), t.header());
    assertTrue(t.hasColumn("MAKE"));
    assertEquals(List.of(2, 5, 6), t.rows().stream().map(CsvTable.Row::line).toList());
    assertEquals("two\nlines", t.rows().get(0).get("Note"));
    assertEquals("kia, the brand", t.rows().get(1).get("make"));
    assertEquals("say \"hi\"", t.rows().get(1).get("note"));
    assertEquals("", t.rows().get(2).get("note"));
    assertEquals("", t.rows().get(2).get("absent"));
  }

  @Test
  void rejectsAnEmptyFileAndAnUnterminatedQuote() {
    assertThrows(IOException.class, () -> CsvTable.read(new StringReader("")));
    IOException e = assertThrows(IOException.class, () -> CsvTable.read(new StringReader("a,b\n1,\"x\n")));
    assertEquals("CSV line 2: unterminated quoted field", e.getMessage());
  }
}
