package com.evalue.cli;

import com.evalue.ingestion.bmw.BmwPushReceiver;
import com.evalue.ingestion.buffer.TempObjectWriter;
import com.evalue.ingestion.ops.IngestionMetrics;
import com.evalue.io.archive.TempBuffer;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue ingest bmw-push}: the BMW push receiver (spec: sources.md §4.1). */
@Command(name = "bmw-push", mixinStandardHelpOptions = true,
    description = {"Receives BMW push messages (POST /bmw/api/push) into the temp buffer until SIGTERM.",
        "Checks x-push-payload-key, writes each request's envelopes (one object per VIN and data date) before "
            + "answering 200, and answers 503 when storage fails so that BMW retries. /health and /metrics are on "
            + "the same port."})
final class IngestBmwPushCommand implements Runnable {
  @Option(names = "--host", paramLabel = "HOST", defaultValue = "${env:EVALUE_BMW_PUSH_HOST:-0.0.0.0}",
      description = "Listen address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:EVALUE_BMW_PUSH_PORT:-8088}",
      description = "Listen port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--secret", paramLabel = "SECRET", required = true, defaultValue = "${env:EVALUE_BMW_PUSH_SECRET}",
      description = "Expected x-push-payload-key (env EVALUE_BMW_PUSH_SECRET; prefer the environment).")
  String secret;

  @Mixin StorageArgs storage;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    LiveIngestionArgs.serviceLogging();
    StorageArgs.Configured c = storage.configure();
    Clock clock = Clock.systemUTC();
    BmwPushReceiver receiver;
    try {
      receiver = BmwPushReceiver.start(host, port, secret,
          new TempObjectWriter(c.warehouse(), TempBuffer.writerId("bmw-push")), clock,
          new IngestionMetrics("bmw-push", clock));
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      receiver.close(); // requests in progress finish their write and answer first
      stopped.countDown();
    }, "bmw-push-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("evalue ingest bmw-push: POST http://" + host + ":" + receiver.port() + BmwPushReceiver.PATH
        + " into " + c.warehouse() + "; stop with SIGTERM");
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
