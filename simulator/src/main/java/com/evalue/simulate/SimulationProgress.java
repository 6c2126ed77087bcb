package com.evalue.simulate;

/**
 * Progress of a run, for a command line or UI. The library itself never prints; it calls this (and logs through
 * SLF4J at debug level).
 */
@FunctionalInterface
public interface SimulationProgress {
  SimulationProgress NONE = (stage, done, total) -> {};

  enum Stage {
    /** Physics of each vehicle over the whole period; {@code done}/{@code total} count vehicles. */
    VEHICLES,
    /** Native payloads, written per delivery day; {@code done}/{@code total} count days. */
    PAYLOAD_DAYS,
    /** Everything is written. */
    DONE
  }

  void onProgress(Stage stage, int done, int total);
}
