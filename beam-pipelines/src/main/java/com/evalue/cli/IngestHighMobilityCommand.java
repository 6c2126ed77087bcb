package com.evalue.cli;

import com.evalue.ingestion.PollingService;
import com.evalue.ingestion.highmobility.HighMobilityPoller;
import com.evalue.ingestion.highmobility.HmConfig;
import com.evalue.transforms.model.Make;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue ingest high-mobility}: the High Mobility poller (spec: sources.md §3.1). */
@Command(name = "high-mobility", mixinStandardHelpOptions = true,
    description = {"Polls High Mobility (Auto API v13) into the temp buffer until SIGTERM.",
        "Only approved vehicles of the clearance list (read every 120 min) are polled: renault and ford every 35 s, "
            + "mercedes-benz, volvo-cars and kia every 125 s, at most 8 requests in flight. Unchanged results are "
            + "skipped with Redis (--redis-url); SIGTERM flushes the buffer within 10 s."})
final class IngestHighMobilityCommand implements Runnable {
  @Option(names = "--hm-base-url", paramLabel = "URL", required = true,
      defaultValue = "${env:EVALUE_HM_BASE_URL}", description = "hm.base_url (env EVALUE_HM_BASE_URL).")
  String baseUrl;

  @Option(names = "--hm-client-id", paramLabel = "ID", required = true,
      defaultValue = "${env:EVALUE_HM_CLIENT_ID}", description = "OAuth2 client id (env EVALUE_HM_CLIENT_ID).")
  String clientId;

  @Option(names = "--hm-client-secret", paramLabel = "SECRET", required = true,
      defaultValue = "${env:EVALUE_HM_CLIENT_SECRET}",
      description = "OAuth2 client secret (env EVALUE_HM_CLIENT_SECRET).")
  String clientSecret;

  @Option(names = "--period", paramLabel = "MAKE=SECONDS",
      description = "Override a brand's polling period, repeatable, e.g. --period kia=60.")
  Map<String, Long> periods = new LinkedHashMap<>();

  @Option(names = "--clearance-refresh-minutes", paramLabel = "MIN", defaultValue = "120",
      description = "Clearance list refresh (default: ${DEFAULT-VALUE}).")
  long clearanceMinutes;

  @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "8",
      description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Option(names = "--request-timeout-seconds", paramLabel = "S", defaultValue = "30",
      description = "Per-request timeout, also for a stalled body (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Mixin StorageArgs storage;
  @Mixin LiveIngestionArgs live;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    LiveIngestionArgs.serviceLogging();
    Map<Make, Duration> p = HmConfig.defaultPeriods();
    periods.forEach((make, seconds) -> {
      Make m = Makes.parseOne(make);
      if (!m.isHighMobility()) {
        throw new EValueCli.UsageError("--period: " + make + " is not a High Mobility make");
      }
      p.put(m, Duration.ofSeconds(seconds));
    });
    HmConfig config = new HmConfig(URI.create(baseUrl), clientId, clientSecret, p,
        Duration.ofMinutes(clearanceMinutes), maxConcurrent, Duration.ofSeconds(timeoutSeconds));
    StorageArgs.Configured c = storage.configure();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    PollingService service = PollingService.create("high-mobility", c.warehouse(), Clock.systemUTC(),
        live.redis(), live.redisTimeout(), parts -> new HighMobilityPoller(config, http, parts.clock(),
            parts.records(), parts.metrics()));
    live.runUntilTerminated(service, spec.commandLine().getOut(),
        "evalue ingest high-mobility: polling " + baseUrl + " into " + c.warehouse());
  }
}
