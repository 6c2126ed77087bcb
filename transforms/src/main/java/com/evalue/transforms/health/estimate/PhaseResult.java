package com.evalue.transforms.health.estimate;

import com.evalue.transforms.health.ColumnSet;
import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.model.Timestamps;
import java.time.Instant;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One row of {@code raw_results/{make}/{vin}.parquet} (spec: pipeline.md §4.4 "Output columns"): the phase columns,
 * then the static attributes, odometer, SoH estimates, consumption, levels and the Mercedes informational counters.
 *
 * <p>{@code soh_method} labels {@code soh_raw} and is null when {@code soh_raw} is. {@code bms_informative} is set
 * on every Tesla row and null for other makes. {@code temp_c} is set for Renault only.
 */
public record PhaseResult(
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
    boolean isUsable,
    String make,
    @Nullable String model,
    @Nullable String type,
    @Nullable String version,
    @Nullable Double netCapacity,
    @Nullable Double range,
    @Nullable Double odometerFirst,
    @Nullable Double odometerLast,
    @Nullable Double odometerDiff,
    @Nullable Double sohRaw,
    @Nullable SohMethod sohMethod,
    @Nullable Double sohAcEff90,
    @Nullable Double sohBms,
    @Nullable Boolean bmsInformative,
    @Nullable Double tempC,
    @Nullable Double sohOemMedian,
    @Nullable Double chargingPowerKw,
    @Nullable Double consumption,
    @Nullable Double ratioKmSoc,
    double level1,
    double level2,
    double level3,
    double efc,
    @Nullable Double chargingDurationOem,
    @Nullable Double energyChargedOem) {

  public static final ColumnSet<PhaseResult> COLUMNS = ColumnSet.of(PhaseResult.class,
      "vin", "phase_index", "datetime_begin", "datetime_end", "phase_status", "soc_first", "soc_last", "soc_diff",
      "soc_points", "duration_minutes", "is_usable",
      "make", "model", "type", "version", "net_capacity", "range",
      "odometer_first", "odometer_last", "odometer_diff",
      "soh_raw", "soh_method", "soh_ac_eff90", "soh_bms", "bms_informative", "temp_c",
      "soh_oem_median", "charging_power_kw", "consumption", "ratio_km_soc",
      "level_1", "level_2", "level_3", "efc",
      "charging_duration_oem", "energy_charged_oem");

  public PhaseResult {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(phaseStatus, "phaseStatus");
    Objects.requireNonNull(make, "make");
    datetimeBegin = Timestamps.truncateToMicros(Objects.requireNonNull(datetimeBegin, "datetimeBegin"));
    datetimeEnd = Timestamps.truncateToMicros(Objects.requireNonNull(datetimeEnd, "datetimeEnd"));
    if ((sohRaw == null) != (sohMethod == null)) {
      throw new IllegalArgumentException("soh_method labels soh_raw: both set or both null");
    }
  }

  /** The phase columns of this row. */
  public Phase phase() {
    return new Phase(vin, phaseIndex, datetimeBegin, datetimeEnd, phaseStatus, socFirst, socLast, socDiff,
        socPoints, durationMinutes, isUsable);
  }
}
