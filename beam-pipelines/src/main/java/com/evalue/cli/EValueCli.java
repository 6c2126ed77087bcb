package com.evalue.cli;

import com.evalue.pipelines.common.RunLock;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code evalue} command line (Beam side). Exit codes: 0 success, 1 failure (one-line cause; the stack trace
 * only with {@code --verbose}), 2 usage error, 3 already running. The {@code api} subcommand runs in its own JVM
 * and is dispatched by the {@code ./evalue} launcher.
 */
@Command(name = "evalue", mixinStandardHelpOptions = true, version = "EValue 0.1.0",
    description = "EValue: battery health (State of Health) for electric-vehicle fleets.",
    subcommands = {
        DbCommand.class, FleetCommand.class, SimulateCommand.class, IngestCommand.class, CompactCommand.class,
        PipelineCommand.class, ResultsCommand.class, DemoCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class EValueCli implements Runnable {
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_ALREADY_RUNNING = 3;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces and informational logs.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line and returns its exit code (tests call this). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    Logging.configure(verbose);
    CommandLine cli = new CommandLine(new EValueCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("evalue: " + ex.getMessage());
      CommandLine failed = ex.getCommandLine();
      err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
      return EXIT_USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof CommandLine.ParameterException pe) {
        err.println("evalue: " + pe.getMessage());
        return EXIT_USAGE;
      }
      if (ex instanceof UsageError) {
        err.println("evalue: " + ex.getMessage());
        return EXIT_USAGE;
      }
      if (verbose) {
        ex.printStackTrace(err);
      }
      err.println("evalue: error: " + oneLine(ex));
      return ex instanceof RunLock.AlreadyRunningException ? EXIT_ALREADY_RUNNING : EXIT_FAILURE;
    });
    return cli.execute(args);
  }

  static String oneLine(Throwable ex) {
    String msg = ex.getMessage();
    Throwable t = ex;
    while ((msg == null || msg.isBlank()) && t.getCause() != null) {
      t = t.getCause();
      msg = t.getMessage();
    }
    if (msg == null || msg.isBlank()) {
      msg = ex.getClass().getSimpleName();
    }
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }

  /** A usage problem found after parsing (e.g. an unknown make): exit code 2 with the message. */
  static final class UsageError extends RuntimeException {
    UsageError(String message) {
      super(message);
    }
  }
}
