package com.evalue.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.cli.EValueCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCliTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EValueCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void accuracyFromAnExportedCsv() throws Exception {
    Path truth = Files.writeString(dir.resolve("truth.csv"), TruthWeek.HEADER + "\n"
        + "A,kia,2026-01-05,0.950,100\nA,kia,2026-01-12,0.949,200\n");
    Path results = Files.writeString(dir.resolve("weekly.csv"), "vin,make,week,odometer,soh_estimated,"
        + "soh_estimated_ci_low,soh_estimated_ci_high,soh_estimated_n,soh_method,soh_ac_estimate,soh_ac_n,soh_oem,"
        + "soh_oem_ci_low,soh_oem_ci_high,soh_oem_n\n"
        + "A,kia,2026-01-05,100,0.952,0.942,0.962,2,energy_content,,,,,,\n");
    Path md = dir.resolve("acc.md");
    Result r = run("bench", "accuracy", "--truth", truth.toString(), "--results", results.toString(), "--markdown",
        md.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("| kia | 1 | 2 | 1 | 50.0 % | 0.200 | +0.200 | 0.200 | 100.0 % |"), r.out());
    double floor = com.evalue.transforms.health.config.AnalyticsConfig.defaults()
        .ciMethodFloor(com.evalue.transforms.health.SohMethod.ENERGY_CONTENT);
    assertTrue(r.out().contains(String.format("| energy_content | 1 | %.4f | 100.0 %% |", floor)), r.out());
    assertEquals(r.out(), Files.readString(md));
  }

  @Test
  void usageErrors() {
    assertEquals(EValueCli.EXIT_USAGE, run("bench").code());
    assertEquals(EValueCli.EXIT_USAGE, run("bench", "pipeline", "--work", dir.toString(), "--runner", "flink")
        .code());
    assertEquals(EValueCli.EXIT_USAGE, run("bench", "accuracy").code());
    for (String c : new String[] {"pipeline", "accuracy", "loop"}) {
      Result r = run("bench", c, "--help");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("Usage: evalue bench " + c), r.out());
    }
  }
}
