package com.evalue.transforms.health;

import java.util.Arrays;

/** Status of a segmented point and of a phase (spec: pipeline.md §3.2 step 6). Idle points are dropped. */
public enum PhaseStatus implements Labelled {
  CHARGING("charging"),
  DISCHARGING("discharging");

  private final String label;

  PhaseStatus(String label) {
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  public static PhaseStatus fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown phase status '" + label + "'"));
  }
}
