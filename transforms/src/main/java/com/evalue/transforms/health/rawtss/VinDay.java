package com.evalue.transforms.health.rawtss;

import com.evalue.transforms.health.ColumnSet;
import java.time.LocalDate;
import java.util.Objects;

/** One compressed file's key (spec: storage.md §3, §4.4): a VIN and a data date. */
public record VinDay(String vin, LocalDate dataDate) {
  public static final ColumnSet<VinDay> COLUMNS = ColumnSet.of(VinDay.class, "vin", "data_date");

  public VinDay {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(dataDate, "dataDate");
  }
}
