package com.evalue.cli;

import com.evalue.db.Database;
import com.evalue.db.DatabaseSetup;
import com.evalue.db.fleet.FleetImport;
import com.evalue.db.fleet.FleetImportReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue fleet …}: static vehicle data. */
@Command(name = "fleet", mixinStandardHelpOptions = true, description = "Fleets and vehicles.",
    subcommands = FleetCommand.Import.class)
final class FleetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (import)");
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Loads static vehicle data from a CSV with a header: required vin,make; optional model,",
          "net_capacity_kwh,range_km,fleet,region,start_date. Rows with a bad VIN or make are reported, not loaded.",
          "Re-importing the same file changes nothing. Applies pending migrations first."})
  static final class Import implements Runnable {
    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The vehicles CSV.")
    Path csv;

    @Mixin DatabaseArgs db;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      if (!Files.isRegularFile(csv)) {
        throw new EValueCli.UsageError("no such file: " + csv);
      }
      try (Database database = db.connect()) {
        DatabaseSetup.migrateAndSeed(database.dataSource());
        FleetImportReport report = new FleetImport(database.dataSource()).importFile(csv);
        print(spec.commandLine().getOut(), report);
      }
    }

    static void print(PrintWriter out, FleetImportReport report) {
      out.println("fleet import: " + report);
      report.rejected().stream().limit(20).forEach(r -> out.println("  rejected " + r));
      if (report.rejected().size() > 20) {
        out.println("  … and " + (report.rejected().size() - 20) + " more rejected rows");
      }
      out.flush();
    }
  }
}
