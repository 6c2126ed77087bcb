package com.evalue.simulate.physics;

public enum ChargeKind {
  AC,
  DC
}
