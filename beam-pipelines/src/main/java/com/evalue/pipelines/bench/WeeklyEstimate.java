package com.evalue.pipelines.bench;

import com.evalue.io.pipeline.HealthFiles;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Make;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The SoH columns of one weekly result row, whatever it was read from: the {@code evalue results export} CSV,
 * {@code processed_results} Parquet files, or {@link WeeklyHealth} rows computed in memory.
 */
public record WeeklyEstimate(String vin, String make, LocalDate week, @Nullable Double sohEstimated,
    @Nullable Double ciLow, @Nullable Double ciHigh, @Nullable Integer n, @Nullable String method,
    @Nullable Double sohOem, @Nullable Double oemCiLow, @Nullable Double oemCiHigh, @Nullable Double sohAc) {

  public WeeklyEstimate(String vin, String make, LocalDate week, @Nullable Double sohEstimated, @Nullable Double ciLow,
      @Nullable Double ciHigh, @Nullable Integer n, @Nullable String method, @Nullable Double sohOem,
      @Nullable Double oemCiLow, @Nullable Double oemCiHigh) {
    this(vin, make, week, sohEstimated, ciLow, ciHigh, n, method, sohOem, oemCiLow, oemCiHigh, null);
  }

  public static WeeklyEstimate of(String make, WeeklyHealth w) {
    return new WeeklyEstimate(w.vin(), make, w.timestamp(), w.sohEstimated(), w.sohEstimatedCiLow(),
        w.sohEstimatedCiHigh(), w.sohEstimatedN(), w.sohMethod() == null ? null : w.sohMethod().label(), w.sohOem(),
        w.sohOemCiLow(), w.sohOemCiHigh(), w.sohAcEstimate());
  }

  public static List<WeeklyEstimate> of(String make, List<WeeklyHealth> rows) {
    List<WeeklyEstimate> out = new ArrayList<>(rows.size());
    rows.forEach(w -> out.add(of(make, w)));
    return out;
  }

  /** Every {@code processed_results/{make}/{vin}.parquet} of a warehouse (exact doubles, not rounded by SQL). */
  public static List<WeeklyEstimate> fromWarehouse(Warehouse warehouse) {
    List<WeeklyEstimate> out = new ArrayList<>();
    for (Make m : Make.values()) {
      for (String path : warehouse.list(HealthFiles.processedResultsGlob(m))) {
        out.addAll(of(m.code(), HealthFiles.decode(WeeklyHealth.COLUMNS, warehouse.read(path))));
      }
    }
    return out;
  }

  /** The CSV of {@code evalue results export --format csv} (columns found by header name). */
  public static List<WeeklyEstimate> fromCsv(Path file) {
    try {
      return parseCsv(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The same CSV held in a string (e.g. exported from vehicle_data into memory). */
  public static List<WeeklyEstimate> parseCsvText(String csv, String name) {
    return parseCsv(csv.lines().toList(), name);
  }

  static List<WeeklyEstimate> parseCsv(List<String> lines, String name) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(name + ": empty file");
    }
    List<String> header = split(lines.get(0));
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      col.put(header.get(i).trim(), i);
    }
    for (String required : List.of("vin", "make", "week", "soh_estimated", "soh_estimated_ci_low",
        "soh_estimated_ci_high", "soh_estimated_n", "soh_method", "soh_oem", "soh_oem_ci_low", "soh_oem_ci_high")) {
      if (!col.containsKey(required)) {
        throw new IllegalArgumentException(name + ": column '" + required + "' missing (expected the CSV of "
            + "'evalue results export --format csv')");
      }
    }
    List<WeeklyEstimate> out = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> c = split(lines.get(i));
      String week = c.get(col.get("week"));
      out.add(new WeeklyEstimate(c.get(col.get("vin")), c.get(col.get("make")),
          LocalDate.parse(week.length() > 10 ? week.substring(0, 10) : week),
          num(c, col.get("soh_estimated")), num(c, col.get("soh_estimated_ci_low")),
          num(c, col.get("soh_estimated_ci_high")), integer(c, col.get("soh_estimated_n")),
          text(c, col.get("soh_method")), num(c, col.get("soh_oem")), num(c, col.get("soh_oem_ci_low")),
          num(c, col.get("soh_oem_ci_high")), col.containsKey("soh_ac_estimate") ? num(c, col.get("soh_ac_estimate"))
              : null));
    }
    return out;
  }

  private static @Nullable Double num(List<String> c, int i) {
    String s = i < c.size() ? c.get(i).trim() : "";
    return s.isEmpty() ? null : Double.valueOf(s);
  }

  private static @Nullable Integer integer(List<String> c, int i) {
    String s = i < c.size() ? c.get(i).trim() : "";
    return s.isEmpty() ? null : Integer.valueOf(s);
  }

  private static @Nullable String text(List<String> c, int i) {
    String s = i < c.size() ? c.get(i).trim() : "";
    return s.isEmpty() ? null : s;
  }

  /** One CSV line; double quotes protect commas, "" is a quote. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
