package com.evalue.transforms.health.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.Fixtures;
import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.rawtss.VinDay;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class HealthCodersTest {
  private static final String VIN = Fixtures.VIN;
  private static final Instant T = Instant.parse("2024-03-04T08:00:00.123456Z");

  private static <T> void roundTrip(Coder<T> coder, T value) throws Exception {
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    CoderProperties.coderDeterministic(coder, value, coder.decode(new java.io.ByteArrayInputStream(
        CoderUtils.encodeToByteArray(coder, value))));
    CoderProperties.coderSerializable(coder);
    assertEquals(value, CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, value)));
  }

  @Test
  void aNullValueIsAClearErrorNamingTheType() {
    for (Coder<?> coder : List.<Coder<?>>of(RawTssRowCoder.of(), ProcessedPointCoder.of(), PhaseResultCoder.of(),
        WeeklyHealthCoder.of())) {
      @SuppressWarnings("unchecked")
      Coder<Object> c = (Coder<Object>) coder;
      CoderException e = assertThrows(CoderException.class, () -> CoderUtils.encodeToByteArray(c, null));
      String type = coder.getClass().getSimpleName().replace("Coder", "");
      assertEquals("cannot encode a null " + type, e.getMessage());
    }
  }

  @Test
  void everyRecordRoundTripsWithAndWithoutNulls() throws Exception {
    roundTrip(RawTssRowCoder.of(), RawTssRow.builder().set("vin", VIN).set("timestamp", T)
        .set("data_date", LocalDate.parse("2024-03-04")).set("received_at", T.plusSeconds(3))
        .set("soc", 55.5).set("charging_status", "charging").set("fast_charger_present", true)
        .set("invalid_signals", List.of("energy_remaining")).build());
    roundTrip(ProcessedPointCoder.of(), new ProcessedPoint(VIN, T, Map.of("soc", 1.0, "bms_state", "drive"),
        List.of("odometer"), PhaseStatus.CHARGING, 3));
    roundTrip(ProcessedPointCoder.of(), new ProcessedPoint(VIN, T, Map.of(), List.of(), null, null));
    roundTrip(PhaseCoder.of(), new Phase(VIN, 2, T, T.plusSeconds(600), PhaseStatus.DISCHARGING, 60, 55, -5, 5,
        10, true));
    roundTrip(PhaseResultCoder.of(), new PhaseResult(VIN, 1, T, T.plusSeconds(60), PhaseStatus.CHARGING, 20, 60,
        40, 4, 1, true, "tesla", "model 3", null, "MTY13C", 75.0, null, 1.0, 2.0, 1.0, 0.93, SohMethod.DC_ENERGY,
        null, 0.92, true, null, null, 100.5, null, null, 0, 0, 0.4, 0.4, null, null));
    roundTrip(WeeklyHealthCoder.of(), new WeeklyHealth(VIN, LocalDate.parse("2024-03-04"), 1000.0, 0.95, 0.94,
        0.96, 2, SohMethod.ENERGY_CONTENT, null, null, 0.97, 0.96, 0.98, 3, 17.5, 0, 0.2, 0, 0.2, 3, T));
    roundTrip(WeeklyHealthCoder.of(), new WeeklyHealth(VIN, LocalDate.parse("2024-03-04"), null, null, null,
        null, null, null, null, null, null, null, null, null, null, 0, 0, 0, 0, null, null));
    roundTrip(TemperatureFitCoder.of(), new TemperatureFit("zoe", 0.001, 0.93, 31, null, true));
    roundTrip(FleetInfoCoder.of(), FleetInfo.unknown(VIN));
    roundTrip(FleetInfoCoder.of(), new FleetInfo(VIN, "zoe", "r135", null, 52.0, 395.0));
    roundTrip(VinDayCoder.of(), new VinDay(VIN, LocalDate.parse("2024-03-04")));
  }

  @Test
  void columnSetsNameEveryColumnOfTheSpec() {
    assertEquals(List.of("vin", "phase_index", "datetime_begin", "datetime_end", "phase_status", "soc_first",
        "soc_last", "soc_diff", "soc_points", "duration_minutes", "is_usable"), Phase.COLUMNS.names());
    List<String> raw = PhaseResult.COLUMNS.names();
    assertEquals(Phase.COLUMNS.names(), raw.subList(0, 11), "the phase columns first");
    assertEquals(List.of("make", "model", "type", "version", "net_capacity", "range", "odometer_first",
        "odometer_last", "odometer_diff", "soh_raw", "soh_method", "soh_ac_eff90", "soh_bms", "bms_informative",
        "temp_c", "soh_oem_median", "charging_power_kw", "consumption", "ratio_km_soc", "level_1", "level_2",
        "level_3", "efc", "charging_duration_oem", "energy_charged_oem"), raw.subList(11, raw.size()));
    assertEquals(List.of("vin", "timestamp", "odometer", "soh_estimated", "soh_estimated_ci_low",
        "soh_estimated_ci_high", "soh_estimated_n", "soh_method", "soh_ac_estimate", "soh_ac_n", "soh_oem",
        "soh_oem_ci_low", "soh_oem_ci_high", "soh_oem_n", "consumption", "level_1", "level_2", "level_3",
        "charged_cycles", "cycles", "timestamp_last_data_collected"), WeeklyHealth.COLUMNS.names());
    WeeklyHealth w = new WeeklyHealth(VIN, LocalDate.parse("2024-03-04"), 1000.0, 0.95, 0.94, 0.96, 2,
        SohMethod.ENERGY_CONTENT, null, null, null, null, null, null, null, 0, 0, 0, 0, 3, T);
    assertEquals("energy_content", WeeklyHealth.COLUMNS.get(w, "soh_method"), "enums are stored as labels");
    assertEquals(w, WeeklyHealth.COLUMNS.create(WeeklyHealth.COLUMNS.values(w)));
  }
}
