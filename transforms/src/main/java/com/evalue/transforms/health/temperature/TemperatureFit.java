package com.evalue.transforms.health.temperature;

import com.evalue.transforms.health.ColumnSet;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The Renault temperature fit of one model (spec: pipeline.md §4.3; table {@code soh_temperature_fit} of
 * schema.md): OLS soh_raw = intercept + slope × temp_c over the model's usable phases. {@code fitted_at} is set by
 * the writer, not here (the fit is a pure function of its points).
 *
 * @param slope SoH per °C; null when var(temp_c) = 0 or fewer than 2 points
 * @param r2 coefficient of determination; null when undefined
 * @param isValid n ≥ 30 and var(temp_c) &gt; 0: only a valid fit corrects SoH (decision 4)
 */
public record TemperatureFit(
    String model,
    @Nullable Double slope,
    @Nullable Double intercept,
    int n,
    @Nullable Double r2,
    boolean isValid) {

  public static final ColumnSet<TemperatureFit> COLUMNS = ColumnSet.of(TemperatureFit.class,
      "model_name", "slope", "intercept", "n_points", "r2", "is_valid");

  public TemperatureFit {
    Objects.requireNonNull(model, "model");
    if (isValid && slope == null) {
      throw new IllegalArgumentException("a valid fit has a slope");
    }
  }
}
