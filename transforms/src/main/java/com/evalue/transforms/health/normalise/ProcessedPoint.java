package com.evalue.transforms.health.normalise;

import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Timestamps;
import com.evalue.transforms.source.Signals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.Nullable;

/**
 * One row of {@code processed_tss/{make}/points} (spec: pipeline.md §3.1, §3.3 "Outputs"): one per (vin,
 * timestamp), the normalised canonical signals (scaled, within plausibility limits), the signals reported invalid,
 * and the segmentation columns, which are null for idle and null-SoC rows.
 *
 * <p>{@code invalidSignals} is kept in the points so that the as-of rule of §3.1 step 5 ("an invalid report counts
 * as the latest value") still holds when raw_results reads the points back.
 *
 * @param values non-null signal values by column name: Double, String or Boolean
 * @param invalidSignals the signals reported invalid at this timestamp, sorted
 * @param segStatus charging / discharging, null for idle and null-SoC rows
 * @param segPhaseIndex the phase index of §3.2 step 9, null for idle and null-SoC rows
 */
public record ProcessedPoint(
    String vin,
    Instant timestamp,
    Map<String, Object> values,
    List<String> invalidSignals,
    @Nullable PhaseStatus segStatus,
    @Nullable Integer segPhaseIndex) {

  public static final String VIN = "vin";
  public static final String TIMESTAMP = "timestamp";
  public static final String INVALID_SIGNALS = "invalid_signals";
  public static final String SEG_STATUS = "seg_status";
  public static final String SEG_PHASE_INDEX = "seg_phase_index";

  public ProcessedPoint {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(timestamp, "timestamp");
    timestamp = Timestamps.truncateToMicros(timestamp);
    TreeMap<String, Object> v = new TreeMap<>();
    if (values != null) {
      values.forEach((k, x) -> {
        if (x != null) {
          if (!(x instanceof Double || x instanceof String || x instanceof Boolean)) {
            throw new IllegalArgumentException("signal " + k + ": a value is a Double, String or Boolean");
          }
          v.put(k, x);
        }
      });
    }
    values = Collections.unmodifiableMap(v);
    invalidSignals = invalidSignals == null ? List.of() : List.copyOf(new TreeSet<>(invalidSignals));
    if ((segStatus == null) != (segPhaseIndex == null)) {
      throw new IllegalArgumentException("seg_status and seg_phase_index are both set or both null");
    }
  }

  /** Every column name of the points file of {@code make}, in storage order. */
  public static List<String> columnNames(Make make) {
    List<String> out = new ArrayList<>(List.of(VIN, TIMESTAMP));
    Signals.columnsFor(make).forEach(c -> out.add(c.name()));
    out.add(INVALID_SIGNALS);
    out.add(SEG_STATUS);
    out.add(SEG_PHASE_INDEX);
    return List.copyOf(out);
  }

  public @Nullable Double number(String signal) {
    return values.get(signal) instanceof Double d ? d : null;
  }

  public boolean isInvalid(String signal) {
    return Collections.binarySearch(invalidSignals, signal) >= 0;
  }

  /** Any column by name; {@code seg_status} as its label. */
  public @Nullable Object get(String column) {
    return switch (column) {
      case VIN -> vin;
      case TIMESTAMP -> timestamp;
      case INVALID_SIGNALS -> invalidSignals;
      case SEG_STATUS -> segStatus == null ? null : segStatus.label();
      case SEG_PHASE_INDEX -> segPhaseIndex;
      default -> values.get(column);
    };
  }

  /** Builds a point from stored columns by name (the inverse of {@link #get}); unknown names are signals. */
  public static ProcessedPoint fromColumns(Map<String, ?> columns) {
    Map<String, Object> signals = new TreeMap<>();
    List<String> invalid = List.of();
    for (Map.Entry<String, ?> e : columns.entrySet()) {
      switch (e.getKey()) {
        case VIN, TIMESTAMP, SEG_STATUS, SEG_PHASE_INDEX -> { }
        case INVALID_SIGNALS -> {
          List<String> l = new ArrayList<>();
          if (e.getValue() != null) {
            ((List<?>) e.getValue()).forEach(o -> l.add((String) o));
          }
          invalid = l;
        }
        default -> signals.put(e.getKey(), e.getValue());
      }
    }
    Object status = columns.get(SEG_STATUS);
    Object index = columns.get(SEG_PHASE_INDEX);
    return new ProcessedPoint((String) columns.get(VIN), (Instant) columns.get(TIMESTAMP), signals, invalid,
        status == null ? null : PhaseStatus.fromLabel((String) status),
        index == null ? null : ((Number) index).intValue());
  }

  public ProcessedPoint withSegmentation(@Nullable PhaseStatus status, @Nullable Integer phaseIndex) {
    return new ProcessedPoint(vin, timestamp, values, invalidSignals, status, phaseIndex);
  }
}
