package com.evalue.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StorageArgsTest {
  static StorageArgs parse(String... args) {
    class Holder {
      @CommandLine.Mixin StorageArgs storage;
    }
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.storage;
  }

  @Test
  void aDefaultBeamOptionYieldsToOneGivenOnTheCommandLine() {
    StorageArgs s = parse("--runner", "SparkRunner", "--beam-option", "batchIntervalMillis=1000",
        "--beam-option", "--maxRecordsPerBatch=5");
    s.defaultBeamOption("batchIntervalMillis", "2000");
    s.defaultBeamOption("readTimePercentage", "0.9");
    s.defaultBeamOption("maxRecordsPerBatch", "100000");
    s.defaultBeamOption("batch", "7"); // a prefix of a given name is another option
    List<String> args = s.beamArgs();
    assertEquals(List.of("--batchIntervalMillis=1000", "--maxRecordsPerBatch=5", "--readTimePercentage=0.9",
        "--batch=7"), args.subList(args.size() - 4, args.size()));
  }
}
