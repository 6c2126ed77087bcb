package com.evalue.cli;

import com.evalue.ingestion.PollingService;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the live ingestion processes: Redis change detection and the ops endpoints. */
public final class LiveIngestionArgs {
  @Option(names = "--redis-url", paramLabel = "URL", defaultValue = "${env:EVALUE_REDIS_URL}",
      description = "Redis for change detection (spec: sources.md §1.5), e.g. redis://127.0.0.1:6379. Without it "
          + "every poll result is stored and compaction removes the duplicates.")
  String redisUrl;

  @Option(names = "--redis-timeout-ms", paramLabel = "MS", defaultValue = "500",
      description = "A slower Redis counts as down and the payload is stored anyway (default: ${DEFAULT-VALUE}).")
  long redisTimeoutMs;

  @Mixin OpsArgs ops;

  URI redis() {
    return redisUrl == null || redisUrl.isBlank() ? null : URI.create(redisUrl.trim());
  }

  Duration redisTimeout() {
    return Duration.ofMillis(redisTimeoutMs);
  }

  /** Ingestion logs are the operator's view of a long-running process: INFO even without --verbose. */
  static void serviceLogging() {
    Configurator.setLevel("com.evalue.ingestion", Level.INFO);
  }

  /** Starts the process, serves the ops endpoints, and blocks until SIGTERM has flushed everything. */
  void runUntilTerminated(PollingService service, PrintWriter out, String what) {
    try {
      service.serveOps(ops.host, ops.port);
    } catch (java.io.IOException e) {
      service.close();
      throw new IllegalStateException("cannot serve /health and /metrics on " + ops.host + ":" + ops.port + ": "
          + e.getMessage(), e);
    }
    service.closeOnShutdown().start(Duration.ofSeconds(1));
    out.println(what + "; /health and /metrics on " + ops.host + ":" + service.opsPort()
        + "; stop with SIGTERM (final flush within 10 s)");
    out.flush();
    try {
      service.awaitStopped();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.close();
    }
  }
}
