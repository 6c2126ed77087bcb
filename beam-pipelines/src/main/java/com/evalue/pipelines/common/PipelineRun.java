package com.evalue.pipelines.common;

import java.util.Map;
import java.util.function.Function;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;

/**
 * Runs a pipeline to completion while reporting progress from its counters every few seconds, so long runs show
 * they are alive (DEVELOPERS: "long-running commands show progress"). Progress goes to a {@link Progress} sink:
 * the CLI prints it, tests ignore it.
 */
public final class PipelineRun {
  private static final Duration POLL = Duration.standardSeconds(3);

  private PipelineRun() {}

  /** Where progress lines go. */
  @FunctionalInterface
  public interface Progress {
    void line(String text);

    Progress SILENT = text -> {};
  }

  /**
   * Runs and waits. The DirectRunner is switched to non-blocking {@code run()} so the counters can be polled.
   *
   * @param describe turns the current counters into one progress line
   * @return the final counters
   * @throws PipelineFailedException when the pipeline does not finish in state DONE
   */
  public static Map<String, Long> runAndWait(Pipeline pipeline, String label, Progress progress,
      Function<Map<String, Long>, String> describe) {
    if ("DirectRunner".equals(pipeline.getOptions().getRunner().getSimpleName())) {
      pipeline.getOptions().as(DirectOptions.class).setBlockOnRun(false);
    }
    long started = System.nanoTime();
    PipelineResult result = pipeline.run();
    PipelineResult.State state;
    try {
      state = result.waitUntilFinish(POLL);
      while (state == null || !state.isTerminal()) {
        progress.line(label + " running " + seconds(started) + "s: " + describe.apply(Counters.of(result)));
        state = result.waitUntilFinish(POLL);
      }
    } catch (RuntimeException e) {
      throw new PipelineFailedException(label + " failed: " + rootMessage(e), e);
    }
    if (state != PipelineResult.State.DONE) {
      throw new PipelineFailedException(label + " ended in state " + state, null);
    }
    return Counters.of(result);
  }

  private static long seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000_000L;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /** A pipeline that failed; the message is one line fit for the CLI. */
  public static final class PipelineFailedException extends RuntimeException {
    public PipelineFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
