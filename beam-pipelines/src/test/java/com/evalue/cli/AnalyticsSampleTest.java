package com.evalue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.evalue.transforms.health.config.AnalyticsConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped sample configuration states every default exactly, so it cannot drift from the code. */
class AnalyticsSampleTest {
  static final Path SAMPLE = Path.of("..", "infra", "config", "analytics.yaml");

  @Test
  void theSampleIsTheDefaultConfiguration() throws Exception {
    AnalyticsConfig sample = PipelineCommand.analytics(SAMPLE, Map.of());
    assertEquals(AnalyticsConfig.defaults().fingerprint(), sample.fingerprint());
  }

  @Test
  void anOverrideChangesTheFingerprint() throws Exception {
    AnalyticsConfig changed = PipelineCommand.analytics(SAMPLE, Map.of("outlier_mad_k", "3.0"));
    assertNotEquals(AnalyticsConfig.defaults().fingerprint(), changed.fingerprint());
  }
}
