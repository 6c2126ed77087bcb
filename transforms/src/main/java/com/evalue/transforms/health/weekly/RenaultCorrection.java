package com.evalue.transforms.health.weekly;

import com.evalue.transforms.health.config.AnalyticsConfig;
import com.evalue.transforms.health.estimate.PhaseResult;
import com.evalue.transforms.health.temperature.TemperatureFit;
import com.evalue.transforms.model.Make;
import javax.annotation.Nullable;

/** processed_results step 1 (spec: pipeline.md §5 step 1, decision 4): the temperature correction. */
public final class RenaultCorrection {
  private RenaultCorrection() {}

  /** The phase's {@code soh} and whether it was temperature-corrected. */
  public record Corrected(@Nullable Double soh, boolean temperatureCorrected) {}

  /**
   * soh = soh_raw − slope × (temp_c − 20) when the phase is Renault, its model has a valid fit and temp_c is
   * non-null; otherwise soh = soh_raw. The SoH is never replaced by a prediction.
   */
  public static Corrected apply(PhaseResult phase, @Nullable TemperatureFit fit, AnalyticsConfig config) {
    if (phase.sohRaw() == null || !Make.RENAULT.code().equals(phase.make()) || fit == null || !fit.isValid()
        || phase.tempC() == null || (phase.model() != null && !phase.model().equals(fit.model()))) {
      return new Corrected(phase.sohRaw(), false);
    }
    return new Corrected(phase.sohRaw() - fit.slope() * (phase.tempC() - config.renaultTempReferenceC()), true);
  }
}
