package com.evalue.simulate.fleet;

/**
 * How one vehicle is used and charged. Everything is drawn once per vehicle from the seed.
 *
 * @param commuteKm one-way commute distance
 * @param departHour usual morning departure (hours after UTC midnight)
 * @param returnHour usual evening departure from work
 * @param workdayProb probability that a Monday–Friday is a working day
 * @param errandsPerDay mean number of daytime trips on working days (fleet use)
 * @param errandKm upper bound of an errand's distance
 * @param weekendActivity probability of going out on a weekend day
 * @param longTripProb probability per day of a long highway round trip
 * @param homeChargerKw wall power at home, 0 when the vehicle has no home charger
 * @param workCharging whether the vehicle can charge (11 kW) at work
 * @param plugThresholdSoc at home, the vehicle is plugged in below this SoC (and sometimes above)
 * @param chargeLimitSoc AC charge limit, %
 * @param dcTriggerSoc SoC at which the driver stops at a DC fast charger during a trip
 * @param dcTopUpProb probability of a DC top-up when parked away from home with SoC below 60 %
 * @param drainPctPerDay SoC lost per day while parked
 * @param initialSoc SoC at the start of the simulation
 */
public record UsageProfile(
    double commuteKm,
    double departHour,
    double returnHour,
    double workdayProb,
    double errandsPerDay,
    double errandKm,
    double weekendActivity,
    double longTripProb,
    double homeChargerKw,
    boolean workCharging,
    double plugThresholdSoc,
    int chargeLimitSoc,
    double dcTriggerSoc,
    double dcTopUpProb,
    double drainPctPerDay,
    double initialSoc) {

  public boolean hasHomeCharger() {
    return homeChargerKw > 0;
  }

  /** 0 (never fast-charges) … 1 (lives on DC): drives the slightly faster degradation of heavy DC users. */
  public double dcAffinity() {
    return hasHomeCharger() ? Math.min(1.0, dcTopUpProb + longTripProb * 3) : 0.8;
  }

  /** A rough annual mileage, used to draw a plausible odometer at the start. */
  public double annualKm() {
    double workdays = 230 * workdayProb;
    return workdays * (2 * commuteKm + errandsPerDay * errandKm * 0.6) + 104 * weekendActivity * 35
        + 365 * longTripProb * 600;
  }
}
