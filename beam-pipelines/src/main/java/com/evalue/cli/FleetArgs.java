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

  @Option(names = "--sensor-bias", paramLabel = "PCT", defaultValue = "0",
      description = "Per-vehicle systematic sensor errors, standard deviation in percent of the reading: BMS energy "
          + "content, charge-session meters, Volvo's range estimate (default: ${DEFAULT-VALUE}, none). For accuracy "
          + "experiments (docs/accuracy.md).")
  double sensorBiasPct;

  /** The simulation these options describe; an invalid size is a usage error. */
  SimulationConfig config(LocalDate startDate, boolean defects) {
    if (!(sensorBiasPct >= 0 && sensorBiasPct <= 10)) {
      throw new EValueCli.UsageError("--sensor-bias must be in [0, 10] (percent), got " + sensorBiasPct);
    }
    try {
      return new SimulationConfig(vehicles, days, seed, startDate, defects, out, sensorBiasPct / 100);
    } catch (IllegalArgumentException e) {
      throw new EValueCli.UsageError(e.getMessage());
    }
  }
}
