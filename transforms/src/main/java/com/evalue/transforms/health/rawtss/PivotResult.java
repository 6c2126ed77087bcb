package com.evalue.transforms.health.rawtss;

import com.evalue.transforms.health.HealthCounters;
import java.util.List;

/** The wide rows of one pivot and its counters ({@code parse.bad_timestamp}, …). */
public record PivotResult(List<RawTssRow> rows, HealthCounters counters) {
  public PivotResult {
    rows = List.copyOf(rows);
  }
}
