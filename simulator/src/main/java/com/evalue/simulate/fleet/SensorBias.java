package com.evalue.simulate.fleet;

import com.evalue.simulate.random.Rng;

/**
 * A vehicle's systematic sensor errors: relative gains that stay with the vehicle for the whole simulation, as a BMS
 * capacity estimate, a charge meter or a range model that is off by a vehicle-specific amount. Independent reading
 * noise (what the emitters add per reading or per session) averages away over phases and weeks; these do not, so they
 * are what a weekly confidence interval has to cover in the field.
 *
 * <p>Off by default ({@link #NONE}): the simulator then writes exactly what it wrote before the option existed. With
 * {@code sigma} > 0 each gain is drawn once per vehicle, normal with that standard deviation, clipped at 3 sigma.
 *
 * @param energyContent relative error of the BMS's energy content (Tesla {@code EnergyRemaining} of informative
 *     vehicles, High Mobility {@code battery_energy}): reported = true × (1 + energyContent)
 * @param sessionMeter relative error of the per-session energy counters (Tesla DC energy, Mercedes-Benz
 *     {@code energy_charged}): added to each session's own meter error
 * @param rangeEstimate relative error of Volvo's {@code estimated_range}
 */
public record SensorBias(double energyContent, double sessionMeter, double rangeEstimate) {
  public static final SensorBias NONE = new SensorBias(0, 0, 0);

  /** Vehicle {@code vehicleIndex}'s gains for a fleet with standard deviation {@code sigma} (a fraction). */
  public static SensorBias draw(long seed, int vehicleIndex, double sigma) {
    if (sigma == 0) {
      return NONE; // draws nothing, so every other random stream is unchanged
    }
    Rng rng = Rng.derive(seed, "sensor-bias", vehicleIndex);
    return new SensorBias(rng.clippedNormal(0, sigma, 3 * sigma), rng.clippedNormal(0, sigma, 3 * sigma),
        rng.clippedNormal(0, sigma, 3 * sigma));
  }
}
