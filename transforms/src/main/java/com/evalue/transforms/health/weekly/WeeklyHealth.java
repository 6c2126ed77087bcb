package com.evalue.transforms.health.weekly;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.SohMethod;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One row of {@code processed_results/{make}/{vin}.parquet} and of PostgreSQL {@code vehicle_data} (spec:
 * pipeline.md §5 step 10; storage.md §5): {@code vin}, then exactly the vehicle_data columns, one to one.
 *
 * @param timestamp the week's Monday (ISO week, UTC)
 * @param sohEstimatedN the number of estimates behind {@code soh_estimated}; null when it is null
 * @param sohMethod the label of the estimates behind {@code soh_estimated}; null when it is null
 * @param level1 Σ over the week's phases; 0 in a week without phases
 * @param chargedCycles Σ efc over the week's phases; 0 in a week without phases
 */
public record WeeklyHealth(
    String vin,
    LocalDate timestamp,
    @Nullable Double odometer,
    @Nullable Double sohEstimated,
    @Nullable Double sohEstimatedCiLow,
    @Nullable Double sohEstimatedCiHigh,
    @Nullable Integer sohEstimatedN,
    @Nullable SohMethod sohMethod,
    @Nullable Double sohAcEstimate,
    @Nullable Integer sohAcN,
    @Nullable Double sohOem,
    @Nullable Double sohOemCiLow,
    @Nullable Double sohOemCiHigh,
    @Nullable Integer sohOemN,
    @Nullable Double consumption,
    double level1,
    double level2,
    double level3,
    double chargedCycles,
    @Nullable Integer cycles,
    @Nullable Instant timestampLastDataCollected) {

  public static final ColumnSet<WeeklyHealth> COLUMNS = ColumnSet.of(WeeklyHealth.class,
      "vin", "timestamp", "odometer", "soh_estimated", "soh_estimated_ci_low", "soh_estimated_ci_high",
      "soh_estimated_n", "soh_method", "soh_ac_estimate", "soh_ac_n", "soh_oem", "soh_oem_ci_low", "soh_oem_ci_high",
      "soh_oem_n", "consumption", "level_1", "level_2", "level_3", "charged_cycles", "cycles",
      "timestamp_last_data_collected");

  public WeeklyHealth {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(timestamp, "timestamp");
    if (timestamp.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new IllegalArgumentException("a week is identified by its Monday, got " + timestamp);
    }
  }
}
