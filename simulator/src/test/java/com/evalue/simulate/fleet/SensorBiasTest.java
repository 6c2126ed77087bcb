package com.evalue.simulate.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SensorBiasTest {
  @Test
  void zeroIsNone() {
    assertSame(SensorBias.NONE, SensorBias.draw(42, 3, 0));
  }

  @Test
  void oneDrawPerVehicleWithTheRequestedSpreadClippedAtThreeSigma() {
    double sigma = 0.01;
    assertEquals(SensorBias.draw(42, 7, sigma), SensorBias.draw(42, 7, sigma), "deterministic");
    assertNotEquals(SensorBias.draw(42, 7, sigma), SensorBias.draw(42, 8, sigma));
    int n = 4000;
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      SensorBias b = SensorBias.draw(42, i, sigma);
      for (double g : new double[] {b.energyContent(), b.sessionMeter(), b.rangeEstimate()}) {
        assertTrue(Math.abs(g) <= 3 * sigma, "clipped: " + g);
        sum += g;
        squares += g * g;
      }
    }
    double mean = sum / (3 * n);
    double sd = Math.sqrt(squares / (3 * n) - mean * mean);
    assertEquals(0, mean, 0.0005);
    assertEquals(sigma, sd, 0.0005);
  }
}
