package com.evalue.cli;

import com.evalue.db.Database;
import com.evalue.pipelines.common.RunLock;
import com.evalue.pipelines.compaction.CompactionPipeline;
import com.evalue.transforms.model.Make;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue compact}: the daily compaction of spec/storage.md §3. */
@Command(name = "compact", mixinStandardHelpOptions = true,
    description = {"Merges closed days of the temp buffer into compressed/{make}/YYYY/MM/DD/{vin}.parquet,",
        "de-duplicated, atomically and idempotently. Exit code 3 when a compaction of the make is already running."})
final class CompactCommand implements Runnable {
  @Option(names = "--make", paramLabel = "MAKE", defaultValue = "all",
      description = "Make code or 'all' (default: ${DEFAULT-VALUE}).")
  String make;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "Only this data date (must be before today, UTC). Default: every closed day.")
  LocalDate date;

  @Mixin StorageArgs storage;
  @Mixin DatabaseArgs db;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    List<Make> makes = Makes.parse(make);
    StorageArgs.Configured configured = storage.configure();
    PrintWriter out = spec.commandLine().getOut();
    try (Database database = db.connect(); Locks locks = Locks.take(database, "compaction", makes)) {
      CompactionPipeline.Report r = CompactionPipeline.run(configured.options(), configured.warehouse(),
          new CompactionPipeline.Request(makes, Optional.ofNullable(date)), Clock.systemUTC(),
          Printer.progress(spec));
      Printer.compaction(out, r);
    }
  }

  /** The per-make run locks of a command, released together. */
  static final class Locks implements AutoCloseable {
    private final List<RunLock> held = new ArrayList<>();

    static Locks take(Database database, String stage, List<Make> makes) {
      Locks locks = new Locks();
      try {
        for (Make m : makes) {
          locks.held.add(RunLock.acquire(database.dataSource(), stage + ":" + m.code()));
        }
      } catch (RuntimeException e) {
        locks.close();
        throw e;
      }
      return locks;
    }

    @Override
    public void close() {
      held.forEach(RunLock::close);
    }
  }
}
