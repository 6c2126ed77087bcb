package com.evalue.transforms.health.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.transforms.health.SohMethod;
import com.evalue.transforms.model.Make;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsConfigTest {
  private static final AnalyticsConfig D = AnalyticsConfig.defaults();

  @Nested
  class Defaults {
    @Test
    void everyKeyOfPipelineMdSection6HasItsDefault() {
      assertEquals(0.5, D.socDiffThreshold());
      assertEquals(45.0, D.gapSplitMinutes());
      for (Make m : Make.values()) {
        assertEquals(m == Make.BMW || m == Make.TESLA || m == Make.RENAULT, D.splitsOnGap(m), m.code());
        assertEquals(m == Make.TESLA, D.mergesShortPhases(m), m.code());
      }
      assertEquals(3.0, D.shortPhaseMergeMinutes());
      assertEquals(1440.0, D.usableMaxMinutes());
      assertEquals(2, D.usableMinPoints());
      assertEquals(10.0, D.minDeltaSoc());
      for (SohMethod m : SohMethod.values()) {
        boolean expected = m == SohMethod.DC_ENERGY || m == SohMethod.AC_ENERGY_EFF90
            || m == SohMethod.CHARGE_POWER || m == SohMethod.SESSION_ENERGY;
        assertEquals(expected, D.needsMinDeltaSoc(m), m.label());
      }
      assertEquals(30.0, D.asofMaxAgeMinutes());
      assertEquals(8.0, D.level1MaxKw());
      assertEquals(45.0, D.level2MaxKw());
      assertEquals(0.90, D.teslaAcEfficiency());
      assertEquals(ValueRange.of(20, 80), D.bmsSocWindow());
      assertEquals(3, D.bmsMinRowsPerPhase());
      assertEquals(20, D.bmsConstantMinRows());
      assertEquals(0.05, D.bmsConstantSpreadKwh());
      assertEquals(ValueRange.of(30, 99), D.socWindow(Make.RENAULT));
      assertEquals(ValueRange.of(40, 99), D.socWindow(Make.FORD));
      assertEquals(ValueRange.of(30, 99), D.socWindow(Make.KIA));
      assertEquals(ValueRange.of(70, 100), D.socWindow(Make.VOLVO_CARS));
      assertNull(D.socWindow(Make.TESLA));
      assertEquals(0.87, D.volvoRangeFactor());
      assertEquals(99.0, D.mercedesMaxSocLast());
      assertEquals(10.0, D.mercedesMaxHours());
      assertEquals(10, D.mercedesMinPoints());
      assertEquals(ValueRange.of(0.5, 1.5), D.phaseSohValidRange());
      assertEquals(5.0, D.consumptionMinKm());
      assertEquals(100.0, D.consumptionMax());
      assertEquals(100.0, D.consumptionWeightMaxKm());
      assertEquals(20.0, D.renaultTempReferenceC());
      assertEquals(30, D.renaultTempMinPoints());
      assertEquals(1e-5, D.renaultSlopeTolerance());
      assertEquals(6, D.outlierMinWeeks());
      assertEquals(3.5, D.outlierMadK());
      assertEquals(0.02, D.outlierMinAbs());
      assertEquals("weighted_isotonic", D.monotoneMethod());
      assertEquals(0.003, D.monotoneMaxWeeklyDrop());
      assertEquals(0.9, D.plausibilityFloor());
      assertEquals(1.25e-6, D.plausibilityFloorPerKm());
      assertEquals(1.1, D.plausibilityMax());
      assertEquals(1.0, D.clipToOneFrom());
      assertEquals(1.57, D.ciFactor());
      // Calibrated floors (docs/accuracy.md), not the spec's starting values.
      assertEquals(0.0024, D.ciMethodFloor(SohMethod.DC_ENERGY));
      assertEquals(0.015, D.ciMethodFloor(SohMethod.AC_ENERGY_EFF90));
      assertEquals(0.0005, D.ciMethodFloor(SohMethod.BMS_ENERGY));
      assertEquals(0.0052, D.ciMethodFloor(SohMethod.ENERGY_CONTENT));
      assertEquals(0.0003, D.ciMethodFloor(SohMethod.RANGE_RATIO));
      assertEquals(0.025, D.ciMethodFloor(SohMethod.CHARGE_POWER));
      assertEquals(0.0045, D.ciMethodFloor(SohMethod.SESSION_ENERGY));
      assertEquals(0.0065, D.ciMethodFloor(SohMethod.OEM));
      assertEquals(Instant.parse("2012-01-01T00:00:00Z"), D.timestampMin());
      assertEquals(24.0, D.timestampMaxFutureHours());
    }

    @Test
    void signalLimitsAndScaleFactorsAreThoseOfSourcesMdSection6() {
      assertEquals(ValueRange.of(0, 100), D.signalLimit("soc"));
      assertEquals(ValueRange.of(0, 2_000_000), D.signalLimit("odometer"));
      assertEquals(ValueRange.of(0.5, 1.2), D.signalLimit("soh_oem"));
      assertEquals(ValueRange.of(0, 1000), D.signalLimit("charging_power"));
      assertEquals(ValueRange.of(0, 1000), D.signalLimit("ac_charging_power"));
      assertEquals(ValueRange.of(0, 1000), D.signalLimit("dc_charging_power"));
      assertEquals(ValueRange.of(-50, 70), D.signalLimit("outside_temperature"));
      assertNull(D.signalLimit("battery_energy"));

      assertEquals(1.609344, D.scaleFactor(Make.TESLA, "odometer"));
      assertEquals(1.0, D.scaleFactor(Make.TESLA, "soc"));
      assertEquals(0.01, D.scaleFactor(Make.BMW, "soh_oem"));
      assertEquals(1.0, D.scaleFactor(Make.BMW, "soc"));
      assertEquals(0.01, D.scaleFactor(Make.STELLANTIS, "soh_oem"));
      for (Make hm : new Make[] {Make.MERCEDES_BENZ, Make.RENAULT, Make.VOLVO_CARS, Make.FORD, Make.KIA}) {
        assertEquals(100.0, D.scaleFactor(hm, "soc"), hm.code());
        assertEquals(1.0, D.scaleFactor(hm, "soh_oem"), hm.code());
        assertEquals(1.0, D.scaleFactor(hm, "odometer"), hm.code());
      }
    }
  }

  @Nested
  class Yaml {
    @Test
    void readsTheAnalyticsSectionIgnoresOtherSectionsAndDefaultsTheRest() {
      AnalyticsConfig c = AnalyticsConfig.fromYaml("""
          storage:
            warehouse: ./data/warehouse
          analytics:
            outlier_mad_k: 3.0
            gap_split_makes: [bmw, kia]
            usable_max_minutes: 720
            renault_slope_tolerance: 1e-4
            soc_window:
              renault: [35, 95]
            ci_method_floor:
              dc_energy: 0.02
            scale_factors:
              tesla: {odometer: 1.0}
          """);
      assertEquals(3.0, c.outlierMadK());
      assertTrue(c.splitsOnGap(Make.KIA));
      assertFalse(c.splitsOnGap(Make.TESLA));
      assertEquals(720.0, c.usableMaxMinutes());
      assertEquals(1e-4, c.renaultSlopeTolerance(), "YAML 1.1 reads 1e-4 as a string; it is still a number");
      assertEquals(ValueRange.of(35, 95), c.socWindow(Make.RENAULT));
      assertEquals(ValueRange.of(40, 99), c.socWindow(Make.FORD), "map keys merge over the defaults");
      assertEquals(0.02, c.ciMethodFloor(SohMethod.DC_ENERGY));
      assertEquals(D.ciMethodFloor(SohMethod.BMS_ENERGY), c.ciMethodFloor(SohMethod.BMS_ENERGY), "other methods keep theirs");
      assertEquals(1.0, c.scaleFactor(Make.TESLA, "odometer"));
      assertEquals(100.0, c.scaleFactor(Make.KIA, "soc"));
      assertEquals(D.asofMaxAgeMinutes(), c.asofMaxAgeMinutes(), "missing keys take their default");
    }

    @Test
    void aMissingSectionOrAnEmptyDocumentGivesTheDefaults() {
      assertEquals(D.fingerprint(), AnalyticsConfig.fromYaml("other: {a: 1}\n").fingerprint());
      assertEquals(D.fingerprint(), AnalyticsConfig.fromYaml("").fingerprint());
      assertEquals(D.fingerprint(), AnalyticsConfig.fromYaml("analytics: {}\n").fingerprint());
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("evalue.yaml");
      Files.writeString(file, "analytics:\n  min_delta_soc: 12\n");
      assertEquals(12.0, AnalyticsConfig.fromYaml(file).minDeltaSoc());
    }

    @Test
    void unknownKeysAndBadValuesFailWithAMessageNamingTheKey() {
      AnalyticsConfigException unknown = assertThrows(AnalyticsConfigException.class,
          () -> AnalyticsConfig.fromYaml("analytics:\n  outlier_mad: 3\n"));
      assertTrue(unknown.getMessage().contains("unknown analytics key 'outlier_mad'"), unknown.getMessage());
      assertTrue(unknown.getMessage().contains("outlier_mad_k"), "lists the known keys");

      String[][] bad = {
          {"analytics:\n  outlier_mad_k: abc\n", "analytics.outlier_mad_k"},
          {"analytics:\n  usable_min_points: 2.5\n", "analytics.usable_min_points"},
          {"analytics:\n  gap_split_makes: [bmw, peugeot]\n", "unknown make 'peugeot'"},
          {"analytics:\n  soc_window: {tesla: [80, 20]}\n", "analytics.soc_window.tesla"},
          {"analytics:\n  ci_method_floor: {magic: 0.1}\n", "unknown SoH method 'magic'"},
          {"analytics:\n  signal_limits: {sock: [0, 1]}\n", "unknown numeric signal 'sock'"},
          {"analytics:\n  scale_factors: {kia: {dc_charging_power: 2}}\n", "kia has no numeric signal"},
          {"analytics:\n  monotone_method: rolling_mean\n", "weighted_isotonic"},
          {"analytics:\n  timestamp_min: yesterday\n", "analytics.timestamp_min"},
          {"analytics:\n  outlier_mad_k:\n", "a value is required"},
          {"analytics: [1, 2]\n", "expected a mapping"},
      };
      for (String[] c : bad) {
        AnalyticsConfigException e = assertThrows(AnalyticsConfigException.class,
            () -> AnalyticsConfig.fromYaml(c[0]), c[0]);
        assertTrue(e.getMessage().contains(c[1]), e.getMessage() + " should contain " + c[1]);
      }
    }
  }

  @Nested
  class OverridesAndFingerprint {
    @Test
    void anOverrideChangesOneKeyAndTheFingerprint() {
      AnalyticsConfig c = D.withOverride("outlier_mad_k", "3.0");
      assertEquals(3.0, c.outlierMadK());
      assertEquals(D.outlierMinAbs(), c.outlierMinAbs());
      assertNotEquals(D.fingerprint(), c.fingerprint());
      assertEquals(D.fingerprint(), c.withOverride("outlier_mad_k", "3.5").fingerprint(),
          "back to the default value, back to the default fingerprint");
      assertEquals(3.5, D.outlierMadK(), "the defaults are immutable");
    }

    @Test
    void dottedOverridesChangeOneMapEntry() {
      AnalyticsConfig c = D.withOverride("soc_window.renault", "[35, 95]")
          .withOverride("ci_method_floor.oem", "0.02")
          .withOverride("scale_factors.tesla.odometer", "1")
          .withOverride("signal_limits.soc", "[0, 101]");
      assertEquals(ValueRange.of(35, 95), c.socWindow(Make.RENAULT));
      assertEquals(ValueRange.of(70, 100), c.socWindow(Make.VOLVO_CARS));
      assertEquals(0.02, c.ciMethodFloor(SohMethod.OEM));
      assertEquals(1.0, c.scaleFactor(Make.TESLA, "odometer"));
      assertEquals(ValueRange.of(0, 101), c.signalLimit("soc"));
      assertEquals(ValueRange.of(0.5, 1.2), c.signalLimit("soh_oem"));
      assertThrows(AnalyticsConfigException.class, () -> D.withOverride("outlier_mad_k.x", "1"));
      assertThrows(AnalyticsConfigException.class, () -> D.withOverride("nope", "1"));
      Map<String, String> many = new LinkedHashMap<>();
      many.put("min_delta_soc", "12");
      many.put("gap_split_makes", "[tesla]");
      AnalyticsConfig m = D.withOverrides(many);
      assertEquals(12.0, m.minDeltaSoc());
      assertFalse(m.splitsOnGap(Make.BMW));
    }

    @Test
    void theFingerprintIsStableAndIgnoresSpellingOfTheSameValues() {
      assertEquals(D.fingerprint(), AnalyticsConfig.defaults().fingerprint());
      assertTrue(D.fingerprint().matches("[0-9a-f]{64}"));
      AnalyticsConfig explicit = AnalyticsConfig.fromYaml("""
          analytics:
            gap_split_minutes: 45.0
            gap_split_makes: [tesla, renault, bmw]
            renault_slope_tolerance: 0.00001
            soc_window: {kia: [30.0, 99]}
          """);
      assertEquals(D.fingerprint(), explicit.fingerprint(), "same effective values, same fingerprint");
      assertEquals(D, explicit);
      for (String[] change : new String[][] {{"min_delta_soc", "10.5"}, {"gap_split_makes", "[tesla]"},
          {"ci_method_floor.range_ratio", "0.031"}, {"timestamp_min", "2013-01-01"},
          {"scale_factors.kia.soc", "1"}}) {
        assertNotEquals(D.fingerprint(), D.withOverride(change[0], change[1]).fingerprint(), change[0]);
      }
    }

    @Test
    void isSerializable() throws Exception {
      AnalyticsConfig c = D.withOverride("soc_window.kia", "[31, 98]");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(c);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        AnalyticsConfig back = (AnalyticsConfig) in.readObject();
        assertEquals(c.fingerprint(), back.fingerprint());
        assertEquals(ValueRange.of(31, 98), back.socWindow(Make.KIA));
      }
    }
  }
}
