package com.evalue.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The variants a speed harness ({@code evalue bench pipeline|tesla}) runs, each in a child JVM of its own. */
public final class BenchVariantArgs {
  static final List<String> KNOWN = List.of("direct", "spark", "loop");

  @Option(names = "--runner", split = ",", paramLabel = "VARIANT", defaultValue = "direct,spark,loop",
      description = "Variants, in order: direct (Beam DirectRunner), spark (Beam SparkRunner), loop (plain Java) "
          + "(default: ${DEFAULT-VALUE}).")
  List<String> variants;

  @Option(names = "--spark-master", defaultValue = "local[2]", description = "Spark master (default: ${DEFAULT-VALUE}).")
  String sparkMaster;

  @Option(names = "--child-jvm-option", paramLabel = "OPT",
      description = "Extra JVM option of the child JVMs, repeatable (they inherit this JVM's, e.g. -Xmx6g).")
  List<String> childJvmOptions = new ArrayList<>();

  /** The variants, each one known (else a usage error). */
  List<String> variants() {
    for (String v : variants) {
      if (!KNOWN.contains(v)) {
        throw new EValueCli.UsageError("unknown variant '" + v + "'; expected direct, spark or loop");
      }
    }
    return variants;
  }
}
