package com.evalue.simulate.physics;

/** Where a DC session happens: Tesla Supercharger or a third-party CCS charger. */
public enum DcNetwork {
  SUPERCHARGER,
  CCS
}
