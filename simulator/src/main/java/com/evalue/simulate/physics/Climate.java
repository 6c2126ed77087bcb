package com.evalue.simulate.physics;

import com.evalue.simulate.fleet.Region;
import com.evalue.simulate.random.Rng;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Outside temperature of a region: a yearly sinusoid (coldest around 20 January), a daily swing (warmest at 15:00
 * UTC), and a day-to-day weather anomaly (AR(1), interpolated between noons). Deterministic for a seed.
 */
public final class Climate {
  private static final double YEAR_DAYS = 365.2425;
  private static final double COLDEST_EPOCH_DAY = 19.0; // 1970-01-20

  private final Region region;
  private final long firstEpochDay;
  private final double[] anomaly;

  public Climate(Region region, long seed, LocalDate firstDay, int days) {
    this.region = region;
    this.firstEpochDay = firstDay.toEpochDay() - 1;
    this.anomaly = new double[days + 3];
    Rng rng = Rng.derive(seed, "weather:" + region.name(), 0);
    double a = rng.normal(0, 1.8);
    for (int i = 0; i < anomaly.length; i++) {
      a = 0.7 * a + rng.normal(0, 1.3);
      anomaly[i] = a;
    }
  }

  public Region region() {
    return region;
  }

  public double outsideTempC(Instant t) {
    double epochDays = t.getEpochSecond() / 86_400.0;
    double seasonal = -Math.cos(2 * Math.PI * (epochDays - COLDEST_EPOCH_DAY) / YEAR_DAYS);
    double hour = (epochDays - Math.floor(epochDays)) * 24;
    double daily = Math.sin(2 * Math.PI * (hour - 9) / 24);
    return region.meanC() + region.seasonalAmplitudeC() * seasonal + region.dailySwingC() * daily + weather(epochDays);
  }

  private double weather(double epochDays) {
    double x = epochDays - 0.5 - firstEpochDay; // anomaly[i] holds the noon of day firstEpochDay + i
    if (x <= 0) {
      return anomaly[0];
    }
    int i = (int) Math.floor(x);
    if (i >= anomaly.length - 1) {
      return anomaly[anomaly.length - 1];
    }
    double f = x - i;
    return anomaly[i] * (1 - f) + anomaly[i + 1] * f;
  }
}
