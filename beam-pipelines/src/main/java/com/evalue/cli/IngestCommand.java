package com.evalue.cli;

import com.evalue.pipelines.ingest.IngestFilesPipeline;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue ingest …}: getting data into the temp buffer. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Ingestion into the temp buffer.",
    subcommands = {IngestCommand.Files.class, IngestHighMobilityCommand.class, IngestStellantisCommand.class,
        IngestBmwPushCommand.class, IngestBmwCarDataCommand.class, IngestTeslaCommand.class})
final class IngestCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand (files)");
  }

  @Command(name = "files", mixinStandardHelpOptions = true,
      description = {"Reads native payload files of one make (length-delimited protobuf .pb/.bin, NDJSON .ndjson,",
          "JSON .json; optionally .gz), validates VINs and envelopes, writes the temp buffer and sends what it",
          "cannot accept to dlq/ingestion/ with the reason."})
  static final class Files implements Runnable {
    @Option(names = "--make", required = true, paramLabel = "MAKE", description = "Make code of the files.")
    String make;

    @Option(names = "--input", required = true, paramLabel = "PATH",
        description = "A file, a directory (read recursively) or a file pattern such as s3://bucket/in/*.json.")
    String input;

    @Mixin StorageArgs storage;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      var m = Makes.parseOne(make);
      StorageArgs.Configured c = storage.configure();
      IngestFilesPipeline.Report r = IngestFilesPipeline.run(c.options(), c.warehouse(), m, input,
          Clock.systemUTC(), Printer.progress(spec));
      Printer.ingestion(spec.commandLine().getOut(), r);
    }
  }
}
