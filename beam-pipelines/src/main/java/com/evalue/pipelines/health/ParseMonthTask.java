package com.evalue.pipelines.health;

import java.io.Serializable;
import java.time.YearMonth;
import java.util.List;

/** The days of one VIN-month file to (re)parse: one writer per file (spec: storage.md §1.5). */
public record ParseMonthTask(String vin, YearMonth month, List<DayToParse> days) implements Serializable {
  public ParseMonthTask {
    days = List.copyOf(days);
  }
}
