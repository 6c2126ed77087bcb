package com.evalue.transforms.health.rawtss;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The "replace by data date" rewrite of a VIN-month file (spec: storage.md §4.2). Pure. */
public final class RawTssMerge {
  private RawTssMerge() {}

  /**
   * The new content of a month file after parsing data date {@code dataDate}: rows of other data dates are kept
   * unchanged, rows of {@code dataDate} are replaced by {@code parsed}, and the result is sorted by
   * (timestamp, data_date). Parsing the same day twice gives the same rows.
   *
   * @throws IllegalArgumentException when a parsed row has another data date
   */
  public static List<RawTssRow> replaceDataDate(List<RawTssRow> existing, LocalDate dataDate,
      List<RawTssRow> parsed) {
    List<RawTssRow> out = new ArrayList<>(existing.size() + parsed.size());
    for (RawTssRow r : existing) {
      if (!r.dataDate().equals(dataDate)) {
        out.add(r);
      }
    }
    for (RawTssRow r : parsed) {
      if (!r.dataDate().equals(dataDate)) {
        throw new IllegalArgumentException("a row parsed for " + dataDate + " has data date " + r.dataDate());
      }
      out.add(r);
    }
    out.sort(RawTssRow.STORAGE_ORDER);
    return List.copyOf(out);
  }
}
