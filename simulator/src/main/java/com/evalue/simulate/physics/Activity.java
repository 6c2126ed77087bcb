package com.evalue.simulate.physics;

public enum Activity {
  PARKED,
  DRIVING,
  CHARGING,
  /** Plugged in after the session reached its target; no power flows. */
  CHARGE_COMPLETE
}
