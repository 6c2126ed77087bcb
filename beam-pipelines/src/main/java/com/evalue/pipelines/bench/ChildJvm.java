package com.evalue.pipelines.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the {@code evalue} CLI in a child JVM with this JVM's classpath and options (the launcher's: {@code
 * EVALUE_JAVA_OPTS}, default -Xmx6g, plus runners/src/main/launcher/jvm.options), so that each benchmark variant
 * has its own heap and its own peak RSS. The peak RSS is the child's {@code VmHWM} (Linux {@code /proc}), read by
 * the child itself just before it exits and, as a fallback, polled by the parent every 100 ms.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** Exit code, wall time seen by the parent (JVM start included) and the largest polled VmHWM. */
  public record Outcome(int exitCode, double wallSeconds, long polledPeakRssKb) {}

  public static Outcome run(List<String> cliArgs, List<String> extraJvmArgs, Path log) {
    long t0 = System.nanoTime();
    Process p = start(cliArgs, extraJvmArgs, log);
    try {
      long peak = 0;
      while (true) {
        peak = Math.max(peak, vmHwmKb(p.pid()).orElse(0L));
        if (p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          break;
        }
      }
      return new Outcome(p.exitValue(), (System.nanoTime() - t0) / 1e9, peak);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a child JVM", e);
    }
  }

  /**
   * Starts the CLI in a child JVM and returns at once (for a child that streams until stopped;
   * {@link Process#destroy()} sends it SIGTERM). Its output goes to {@code log}.
   */
  public static Process start(List<String> cliArgs, List<String> extraJvmArgs, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs(extraJvmArgs));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("com.evalue.cli.EValueCli");
    cmd.addAll(cliArgs);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(log, "# " + String.join(" ", cliArgs) + "\n", StandardCharsets.UTF_8);
      return new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM: " + e.getMessage(), e);
    }
  }

  /** This JVM's options (heap, --add-opens, system properties) without debugger agents; extra ones appended. */
  static List<String> jvmArgs(List<String> extra) {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")) {
        out.add(a);
      }
    }
    out.addAll(extra);
    return out;
  }

  /** The peak resident set size ({@code VmHWM}, KiB) of a process; empty where /proc is not available. */
  public static Optional<Long> vmHwmKb(long pid) {
    return procStatus("/proc/" + pid + "/status", "VmHWM:");
  }

  public static Optional<Long> selfVmHwmKb() {
    return procStatus("/proc/self/status", "VmHWM:");
  }

  private static Optional<Long> procStatus(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
        if (line.startsWith(key)) {
          return Optional.of(Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
