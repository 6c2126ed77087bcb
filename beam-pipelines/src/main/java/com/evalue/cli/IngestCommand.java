package com.evalue.cli;

import com.evalue.pipelines.ingest.IngestFilesPipeline;
import com.evalue.transforms.model.Make;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

  /** One source per folder of {@code root} named after a make code, as simulate writes {@code OUT/payloads}. */
  static List<IngestFilesPipeline.Source> perMakeFolders(Path root) {
    List<IngestFilesPipeline.Source> sources = new ArrayList<>();
    for (Make m : Make.values()) {
      Path dir = root.resolve(m.code());
      if (java.nio.file.Files.isDirectory(dir)) {
        sources.add(new IngestFilesPipeline.Source(m, dir.toString()));
      }
    }
    return sources;
  }

  @Command(name = "files", mixinStandardHelpOptions = true,
      description = {"Reads native payload files of one make (length-delimited protobuf .pb/.bin, NDJSON .ndjson,",
          "JSON .json; optionally .gz), validates VINs and envelopes, writes the temp buffer and sends what it",
          "cannot accept to dlq/ingestion/ with the reason."})
  static final class Files implements Runnable {
    @Option(names = "--make", required = true, paramLabel = "MAKE", description = "Make code of the files, or "
        + "'all' with --input a local directory holding one folder per make code (as simulate writes "
        + "OUT/payloads): every make in one pipeline run.")
    String make;

    @Option(names = "--input", required = true, paramLabel = "PATH",
        description = "A file, a directory (read recursively) or a file pattern such as s3://bucket/in/*.json.")
    String input;

    @Mixin StorageArgs storage;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      List<IngestFilesPipeline.Source> sources = sources();
      StorageArgs.Configured c = storage.configure();
      IngestFilesPipeline.Report r = IngestFilesPipeline.run(c.options(), c.warehouse(), sources,
          Clock.systemUTC(), Printer.progress(spec));
      Printer.ingestion(spec.commandLine().getOut(), r);
    }

    private List<IngestFilesPipeline.Source> sources() {
      if (!make.equalsIgnoreCase("all")) {
        return List.of(new IngestFilesPipeline.Source(Makes.parseOne(make), input));
      }
      Path root = Path.of(input);
      if (input.contains("://") || !java.nio.file.Files.isDirectory(root)) {
        throw new EValueCli.UsageError("--make all needs --input to be a local directory with one folder per make"
            + " code; " + input + " is not");
      }
      List<IngestFilesPipeline.Source> sources = perMakeFolders(root);
      if (sources.isEmpty()) {
        throw new EValueCli.UsageError("--make all: no folder named after a make code (" + Make.codes() + ") in "
            + input);
      }
      return sources;
    }
  }
}
