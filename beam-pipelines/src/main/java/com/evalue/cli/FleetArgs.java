package com.evalue.cli;

import com.evalue.simulate.SimulationConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The simulated fleet of {@code simulate} and {@code demo}. */
public final class FleetArgs {
  @Option(names = "--vehicles", paramLabel = "N", defaultValue = "24", description = "Fleet size (default: ${DEFAULT-VALUE}).")
  int vehicles;

  @Option(names = "--days", paramLabel = "D", defaultValue = "28",
      description = "Days simulated, ending yesterday (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "./data/simulation",
      description = "Output directory of the simulated payloads (default: ${DEFAULT-VALUE}); OUT/payloads is replaced.")
  Path out;

  /** The simulation these options describe; an invalid size is a usage error. */
  SimulationConfig config(LocalDate startDate, boolean defects) {
    try {
      return new SimulationConfig(vehicles, days, seed, startDate, defects, out);
    } catch (IllegalArgumentException e) {
      throw new EValueCli.UsageError(e.getMessage());
    }
  }
}
