package com.evalue.pipelines.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the simulator's {@code truth.csv} ({@code vin,make,week,true_soh,odometer_km}): the true SoH of a
 * vehicle over the simulated part of an ISO week (the week is its Monday).
 */
public record TruthWeek(String vin, String make, LocalDate week, double trueSoh, double odometerKm) {
  public static final String HEADER = "vin,make,week,true_soh,odometer_km";

  /** Reads a truth.csv; the header must be {@link #HEADER}. */
  public static List<TruthWeek> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(lines, file.toString());
  }

  static List<TruthWeek> parse(List<String> lines, String name) {
    if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
      throw new IllegalArgumentException(name + ": not a truth.csv (expected header '" + HEADER + "')");
    }
    List<TruthWeek> out = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] c = line.split(",", -1);
      if (c.length != 5) {
        throw new IllegalArgumentException(name + " line " + (i + 1) + ": expected 5 columns, got " + c.length);
      }
      out.add(new TruthWeek(c[0], c[1], LocalDate.parse(c[2]), Double.parseDouble(c[3]), Double.parseDouble(c[4])));
    }
    return out;
  }
}
