package com.evalue.transforms.health.segment;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.model.Timestamps;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code processed_tss/{make}/phases} (spec: pipeline.md §3.3): a phase after the extension rule, with
 * {@code soc_diff ≠ 0}. {@code phase_index} is the index of §3.2 step 9, the same as the points'
 * {@code seg_phase_index}; it is not renumbered after phases with soc_diff = 0 are dropped.
 */
public record Phase(
    String vin,
    int phaseIndex,
    Instant datetimeBegin,
    Instant datetimeEnd,
    PhaseStatus phaseStatus,
    double socFirst,
    double socLast,
    double socDiff,
    int socPoints,
    double durationMinutes,
    boolean isUsable) {

  public static final ColumnSet<Phase> COLUMNS = ColumnSet.of(Phase.class,
      "vin", "phase_index", "datetime_begin", "datetime_end", "phase_status", "soc_first", "soc_last", "soc_diff",
      "soc_points", "duration_minutes", "is_usable");

  public Phase {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(phaseStatus, "phaseStatus");
    datetimeBegin = Timestamps.truncateToMicros(Objects.requireNonNull(datetimeBegin, "datetimeBegin"));
    datetimeEnd = Timestamps.truncateToMicros(Objects.requireNonNull(datetimeEnd, "datetimeEnd"));
  }
}
