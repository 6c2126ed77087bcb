package com.evalue.transforms.health;

import java.util.Arrays;
import java.util.Optional;

/**
 * The labels of the SoH estimates (spec: pipeline.md §4.2, column {@code soh_method}), plus {@link #OEM}, which only
 * names the OEM reading's confidence-interval floor (§6 {@code ci_method_floor}).
 */
public enum SohMethod implements Labelled {
  DC_ENERGY("dc_energy"),
  AC_ENERGY_EFF90("ac_energy_eff90"),
  BMS_ENERGY("bms_energy"),
  ENERGY_CONTENT("energy_content"),
  RANGE_RATIO("range_ratio"),
  SESSION_ENERGY("session_energy"),
  CHARGE_POWER("charge_power"),
  OEM("oem");

  private final String label;

  SohMethod(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  public static Optional<SohMethod> find(String label) {
    return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
  }

  public static SohMethod fromLabel(String label) {
    return find(label).orElseThrow(() -> new IllegalArgumentException("unknown SoH method '" + label + "'"));
  }
}
