package com.evalue.io.archive;

import com.evalue.transforms.model.Make;
import java.io.Serializable;
import java.time.LocalDate;

/** One vehicle-day of the archive: the unit of compaction (spec: storage.md §3.3). */
public record DayKey(Make make, String vin, LocalDate date) implements Serializable, Comparable<DayKey> {
  @Override
  public int compareTo(DayKey o) {
    int c = make.compareTo(o.make);
    if (c != 0) {
      return c;
    }
    c = date.compareTo(o.date);
    return c != 0 ? c : vin.compareTo(o.vin);
  }

  @Override
  public String toString() {
    return make.code() + "/" + vin + "/" + date;
  }
}
