package com.evalue.transforms.health.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.evalue.transforms.health.FleetInfo;
import com.evalue.transforms.health.HealthCounters;
import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.history.VehicleHistory;
import com.evalue.transforms.health.history.VehicleOutputs;
import com.evalue.transforms.health.rawtss.RawTssRow;
import com.evalue.transforms.health.rawtss.VinDay;
import com.evalue.transforms.health.segment.Phase;
import com.evalue.transforms.health.weekly.WeeklyHealth;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.source.SignalValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class ProcessVehicleHistoryTest {
  private static final AnalyticsConfig C = AnalyticsConfig.defaults();
  private static final String KNOWN = "KNAGH4A48A5123456";
  private static final String UNKNOWN = "KNAGH4A48A5654321";
  private static final Instant T0 = Instant.parse("2024-03-05T08:00:00Z"); // Tuesday
  private static final LocalDate DAY = LocalDate.parse("2024-03-05");

  /**
   * The §3.2 worked example as kia raw_tss rows (HM SoC 0–1), 10-minute spacing, with battery_energy giving an
   * energy-content ratio of 0.9 at every charging point and an odometer that advances while discharging.
   */
  static List<RawTssRow> history(String vin) {
    double[] soc = {50, 50, 52, 55, 60, 60, 59, 57, 57.2, 55};
    List<RawTssRow> rows = new ArrayList<>();
    for (int i = 0; i < soc.length; i++) {
      RawTssRow.Builder b = RawTssRow.builder().set("vin", vin).set("timestamp", T0.plus(Duration.ofMinutes(10L * i)))
          .set("data_date", DAY).set("received_at", T0.plus(Duration.ofMinutes(10L * i + 1)))
          .set("soc", soc[i] / 100).set("battery_energy", 64 * soc[i] / 100 * 0.9)
          .set("odometer", 1000.0 + (i < 5 ? 0 : 3 * (i - 4)));
      rows.add(b.build());
    }
    return rows;
  }

  @Test
  void processesEachVinIntoPointsPhasesRawResultsAndWeeks(TestPipeline pipeline) {
    FleetInfo known = new FleetInfo(KNOWN, "niro", "ev", null, 64.0, 460.0);
    PCollectionView<Map<String, FleetInfo>> fleetInfo = pipeline
        .apply("FleetInfo", Create.of(KV.of(KNOWN, known)).withCoder(HealthCoders.fleetInfo()))
        .apply("FleetInfoByVin", View.asMap());
    PCollection<KV<String, Iterable<RawTssRow>>> histories = pipeline.apply("Histories", Create.of(
        KV.of(KNOWN, (Iterable<RawTssRow>) history(KNOWN)),
        KV.of(UNKNOWN, (Iterable<RawTssRow>) history(UNKNOWN))).withCoder(HealthCoders.rawTssHistory()));

    PCollectionTuple out = histories.apply("ProcessVehicleHistory",
        ProcessVehicleHistory.of(Make.KIA, C, fleetInfo));

    PAssert.that(out.get(ProcessVehicleHistory.POINTS)).satisfies(all -> {
      int n = 0;
      for (KV<String, List<com.evalue.transforms.health.normalise.ProcessedPoint>> kv : all) {
        assertEquals(10, kv.getValue().size());
        assertEquals(50.0, kv.getValue().get(0).number("soc"), 1e-9, "SoC × 100");
        n++;
      }
      assertEquals(2, n, "one element per VIN");
      return null;
    });
    PAssert.that(out.get(ProcessVehicleHistory.PHASES)).satisfies(all -> {
      for (KV<String, List<Phase>> kv : all) {
        List<Phase> p = kv.getValue();
        assertEquals(2, p.size(), "the worked example: two phases");
        assertEquals(PhaseStatus.CHARGING, p.get(0).phaseStatus());
        assertEquals(50.0, p.get(0).socFirst(), 1e-9);
        assertEquals(60.0, p.get(0).socLast(), 1e-9);
        assertEquals(4, p.get(0).socPoints());
        assertEquals(PhaseStatus.DISCHARGING, p.get(1).phaseStatus());
        assertEquals(55.0, p.get(1).socLast(), 1e-9);
        assertEquals(5, p.get(1).socPoints());
      }
      return null;
    });
    PAssert.that(out.get(ProcessVehicleHistory.RAW_RESULTS)).satisfies(all -> {
      for (KV<String, List<PhaseResult>> kv : all) {
        PhaseResult charge = kv.getValue().get(0);
        PhaseResult drive = kv.getValue().get(1);
        if (kv.getKey().equals(KNOWN)) {
          // The adapter gives exactly what the pure function gives.
          assertEquals(VehicleHistory.process(Make.KIA, KNOWN, history(KNOWN), known, C).rawResults(),
              kv.getValue());
          assertEquals(0.9, charge.sohRaw(), 1e-9);
          assertEquals(SohMethod.ENERGY_CONTENT, charge.sohMethod());
          assertEquals(12.0, drive.odometerDiff(), 1e-9);
          assertEquals(5.0 * 64 / 12, drive.consumption(), 1e-9, "−(−5) × 64 / 12 km");
        } else {
          assertNull(charge.sohRaw(), "no fleet_info: no net capacity, no estimate");
          assertNull(charge.model());
        }
      }
      return null;
    });
    PAssert.that(out.get(ProcessVehicleHistory.WEEKLY)).satisfies(all -> {
      for (KV<String, List<WeeklyHealth>> kv : all) {
        assertEquals(1, kv.getValue().size());
        WeeklyHealth w = kv.getValue().get(0);
        assertEquals(LocalDate.parse("2024-03-04"), w.timestamp());
        assertEquals(1015.0, w.odometer(), 1e-9, "the last odometer reading of the week");
        if (kv.getKey().equals(KNOWN)) {
          assertEquals(0.9, w.sohEstimated(), 1e-9);
          assertEquals(2, w.sohEstimatedN());
          assertEquals(SohMethod.ENERGY_CONTENT, w.sohMethod());
          assertEquals(2, w.cycles(), "round(1015 / (460 × 0.95)) = round(2.32)");
          VehicleOutputs expected = VehicleHistory.process(Make.KIA, KNOWN, history(KNOWN), known, C);
          assertEquals(VehicleHistory.weekly(Make.KIA, KNOWN, expected.rawResults(), expected.points(), known,
              null, C, new HealthCounters()), kv.getValue());
        } else {
          assertNull(w.sohEstimated());
          assertNull(w.cycles(), "no range");
        }
      }
      return null;
    });
    PAssert.that(out.get(ProcessVehicleHistory.TEMPERATURE_FITS)).empty();

    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(2L, counter(result, ProcessVehicleHistory.class, "phases{charging}"));
    assertEquals(2L, counter(result, ProcessVehicleHistory.class, "estimates{energy_content}"),
        "energy content needs a usable phase, not a charging one: both phases of the known VIN");
    assertEquals(2L, counter(result, AggregateWeeklyHealth.class, HealthCounters.WEEKS));
  }

  @Test
  void pivotsTheRecordsOfOneCompressedFile(TestPipeline pipeline) {
    VinDay file = new VinDay(KNOWN, DAY);
    Instant received = T0.plusSeconds(30);
    List<SignalValue> records = List.of(
        new SignalValue(KNOWN, T0, "soc", 0.50, null, false, received, "poll:1"),
        new SignalValue(KNOWN, T0, "soc", 0.51, null, false, received.plusSeconds(1), "poll:2"),
        new SignalValue(KNOWN, Instant.parse("2011-06-01T00:00:00Z"), "soc", 0.2, null, false, received, "poll:1"));
    PCollection<KV<VinDay, List<RawTssRow>>> rows = pipeline
        .apply("Records", Create.of(KV.of(file, (Iterable<SignalValue>) records))
            .withCoder(KvCoder.of(VinDayCoder.of(), IterableCoder.of(
                com.evalue.transforms.source.SignalValueCoder.of()))))
        .apply("PivotRawTss", PivotRawTss.of(Make.KIA, C));
    RawTssRow expected = RawTssRow.builder().set("vin", KNOWN).set("timestamp", T0).set("data_date", DAY)
        .set("received_at", received.plusSeconds(1)).set("soc", 0.51).build();
    PAssert.that(rows).containsInAnyOrder(KV.of(file, List.of(expected)));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(1L, counter(result, PivotRawTss.class, HealthCounters.BAD_TIMESTAMP));
  }

  private static long counter(PipelineResult result, Class<?> namespace, String name) {
    long sum = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(namespace, name)).build()).getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
