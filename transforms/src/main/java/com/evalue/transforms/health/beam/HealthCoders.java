package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.rawtss.VinDay;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import java.util.List;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;

/** The coders of the per-VIN collections of the health transforms (keys are VINs unless stated). */
public final class HealthCoders {
  private HealthCoders() {}

  /** Input of {@link ProcessVehicleHistory}: a VIN's full raw_tss history. */
  public static KvCoder<String, Iterable<RawTssRow>> rawTssHistory() {
    return KvCoder.of(StringUtf8Coder.of(), IterableCoder.of(RawTssRowCoder.of()));
  }

  public static KvCoder<String, List<RawTssRow>> rawTssRows() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(RawTssRowCoder.of()));
  }

  /** Output of {@link PivotRawTss}: the wide rows of one compressed file. */
  public static KvCoder<VinDay, List<RawTssRow>> rawTssDay() {
    return KvCoder.of(VinDayCoder.of(), ListCoder.of(RawTssRowCoder.of()));
  }

  public static KvCoder<String, List<ProcessedPoint>> points() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(ProcessedPointCoder.of()));
  }

  public static KvCoder<String, List<Phase>> phases() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(PhaseCoder.of()));
  }

  public static KvCoder<String, List<PhaseResult>> rawResults() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(PhaseResultCoder.of()));
  }

  public static KvCoder<String, List<WeeklyHealth>> weekly() {
    return KvCoder.of(StringUtf8Coder.of(), ListCoder.of(WeeklyHealthCoder.of()));
  }

  /** Temperature fits keyed by model name. */
  public static KvCoder<String, TemperatureFit> temperatureFits() {
    return KvCoder.of(StringUtf8Coder.of(), TemperatureFitCoder.of());
  }

  /** fleet_info keyed by VIN, for {@code View.asMap()}. */
  public static KvCoder<String, FleetInfo> fleetInfo() {
    return KvCoder.of(StringUtf8Coder.of(), FleetInfoCoder.of());
  }

  static <V> KV<String, V> kv(String vin, V value) {
    return KV.of(vin, value);
  }
}
