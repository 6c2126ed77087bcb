package com.evalue.cli;

import com.evalue.simulate.FleetSimulator;
import com.evalue.simulate.SimulationConfig;
import com.evalue.simulate.SimulationProgress;
import com.evalue.simulate.SimulationSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue simulate}: a simulated fleet's native payloads. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Writes, for a physically plausible simulated fleet, the native payloads of every source",
        "(OUT/payloads/{make}/…), fleet.csv (for 'fleet import'), truth.csv (true weekly SoH) and summary.json.",
        "The same arguments give byte-identical output."})
final class SimulateCommand implements Runnable {
  @Mixin FleetArgs fleet;

  @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", description = "First day (default: D days before today).")
  LocalDate startDate;

  @Option(names = "--no-defects", description = "Clean data: no duplicates, invalid values, dropouts or malformed records.")
  boolean noDefects;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    SimulationConfig config = config();
    SimulationSummary s = simulate(config, spec);
    print(spec.commandLine().getOut(), s, config.sensorBias());
  }

  SimulationConfig config() {
    return fleet.config(startDate, !noDefects);
  }

  static SimulationSummary simulate(SimulationConfig config, CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    SimulationProgress progress = new SimulationProgress() {
      private int lastTenth = -1;

      @Override
      public void onProgress(Stage stage, int done, int total) {
        if (stage == Stage.PAYLOAD_DAYS && total > 0) {
          int tenth = done * 10 / total;
          if (tenth != lastTenth) {
            lastTenth = tenth;
            err.println("… simulate: payload days " + done + "/" + total);
            err.flush();
          }
        }
      }
    };
    try {
      return new FleetSimulator(config, progress).run();
    } catch (IOException e) {
      throw new UncheckedIOException("simulation failed: " + e.getMessage(), e);
    }
  }

  static void print(PrintWriter out, SimulationSummary s, double sensorBias) {
    out.printf("simulated %d vehicles x %d days (%s .. %s, seed %d%s) into %s%n", s.vehicles(), s.days(),
        s.startDate(), s.lastDay(), s.seed(),
        sensorBias > 0 ? String.format(Locale.ROOT, ", per-vehicle sensor errors sd %.2f %%", 100 * sensorBias) : "",
        s.outputDir());
    s.recordsByMakeAndFormat().forEach((make, formats) -> out.printf("  %-14s %s%n", make, formats));
    out.printf("  records=%d duplicates_injected=%d malformed_injected=%d late=%d files=%d bytes=%d%n",
        s.totalRecords(), s.duplicatesInjected(), s.malformedTotal(), s.lateRecords(), s.filesWritten(),
        s.bytesWritten());
    out.flush();
  }
}
