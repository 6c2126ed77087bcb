package com.evalue.db.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file with a header row (RFC 4180: comma separator, double-quoted fields, {@code ""} escapes, CRLF or LF,
 * optional UTF-8 BOM). Header names are matched case-insensitively: rows are keyed by the lower-cased, trimmed
 * header name. Values are trimmed; an empty value is {@code ""}. Blank lines are skipped.
 */
public record CsvTable(List<String> header, List<Row> rows) {

  /** One data record; {@code line} is the physical line on which it starts (the header is line 1). */
  public record Row(int line, Map<String, String> values) {
    /** The trimmed value of {@code column} (any case), or {@code ""} when the column is absent. */
    public String get(String column) {
      return values.getOrDefault(column.toLowerCase(Locale.ROOT), "");
    }
  }

  public boolean hasColumn(String column) {
    return header.contains(column.toLowerCase(Locale.ROOT));
  }

  public static CsvTable read(Reader reader) throws IOException {
    List<Record> records = new Parser(reader).records();
    if (records.isEmpty()) {
      throw new IOException("CSV is empty: a header row is required");
    }
    List<String> header = new ArrayList<>();
    for (String name : records.get(0).fields) {
      header.add(name.trim().toLowerCase(Locale.ROOT));
    }
    List<Row> rows = new ArrayList<>();
    for (Record record : records.subList(1, records.size())) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        values.put(header.get(i), i < record.fields.size() ? record.fields.get(i).trim() : "");
      }
      rows.add(new Row(record.line, Collections.unmodifiableMap(values)));
    }
    return new CsvTable(List.copyOf(header), List.copyOf(rows));
  }

  private record Record(int line, List<String> fields) {}

  private static final class Parser {
    private final Reader in;
    private final List<Record> records = new ArrayList<>();
    private List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private int line = 1;
    private int recordLine = 1;
    private boolean quoted;
    private boolean fieldStarted;

    Parser(Reader in) {
      this.in = in;
    }

    List<Record> records() throws IOException {
      int c = in.read();
      if (c == '\uFEFF') {
        c = in.read();
      }
      for (; c != -1; c = in.read()) {
        if (quoted) {
          if (c == '"') {
            int next = in.read();
            if (next == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (next == -1) {
                break;
              }
              c = next;
              handlePlain(c);
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else {
          handlePlain(c);
        }
      }
      if (quoted) {
        throw new IOException("CSV line " + recordLine + ": unterminated quoted field");
      }
      endRecord();
      return records;
    }

    private void handlePlain(int c) {
      switch (c) {
        case '"' -> {
          quoted = true;
          fieldStarted = true;
        }
        case ',' -> endField();
        case '\r' -> { }
        case '\n' -> {
          endRecord();
          line++;
          recordLine = line;
        }
        default -> {
          field.append((char) c);
          fieldStarted = true;
        }
      }
    }

    private void endField() {
      fields.add(field.toString());
      field.setLength(0);
      fieldStarted = true;
    }

    private void endRecord() {
      if (fieldStarted || field.length() > 0) {
        fields.add(field.toString());
      }
      boolean blank = fields.stream().allMatch(String::isBlank);
      if (!fields.isEmpty() && !blank) {
        records.add(new Record(recordLine, fields));
      }
      fields = new ArrayList<>();
      field.setLength(0);
      fieldStarted = false;
    }
  }
}
