package com.evalue.cli;

import com.evalue.ingestion.PollingService;
import com.evalue.ingestion.stellantis.StellantisConfig;
import com.evalue.ingestion.stellantis.StellantisPoller;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue ingest stellantis}: the Mobilisights car-states poller (spec: sources.md §5). */
@Command(name = "stellantis", mixinStandardHelpOptions = true,
    description = {"Polls the Mobilisights (Stellantis) car-states exports into the temp buffer until SIGTERM.",
        "Each fleet's export is read every 36 s (at most 8 at a time) and parsed element by element while it "
            + "streams; VINs with X as 8th character go to dlq/ingestion/stellantis/. SIGTERM flushes the buffer "
            + "within 10 s."})
final class IngestStellantisCommand implements Runnable {
  @Option(names = "--ms-base-url", paramLabel = "URL", required = true, defaultValue = "${env:EVALUE_MS_BASE_URL}",
      description = "ms.base_url (env EVALUE_MS_BASE_URL).")
  String baseUrl;

  @Option(names = "--ms-auth-path", paramLabel = "PATH", defaultValue = "${env:EVALUE_MS_AUTH_PATH:-}",
      description = "ms.auth_path: login is POST {base}/{auth_path}/auth/login (env EVALUE_MS_AUTH_PATH).")
  String authPath;

  @Option(names = "--ms-credentials-file", paramLabel = "FILE", required = true,
      defaultValue = "${env:EVALUE_MS_CREDENTIALS_FILE}",
      description = "File holding the JSON login body (env EVALUE_MS_CREDENTIALS_FILE).")
  Path credentialsFile;

  @Option(names = "--ms-token-member", paramLabel = "NAME", defaultValue = "token",
      description = "Member of the login response holding the bearer token (default: ${DEFAULT-VALUE}).")
  String tokenMember;

  @Option(names = "--fleet", paramLabel = "ID", split = ",", defaultValue = "${env:EVALUE_MS_FLEETS}",
      description = "Fleet ids to export, comma-separated or repeated (env EVALUE_MS_FLEETS).")
  List<String> fleets = new ArrayList<>();

  @Option(names = "--period-seconds", paramLabel = "S", defaultValue = "36",
      description = "Export period (default: ${DEFAULT-VALUE}).")
  long periodSeconds;

  @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "8",
      description = "Fleet exports in flight at most (default: ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Option(names = "--request-timeout-seconds", paramLabel = "S", defaultValue = "30",
      description = "Time to the response headers, and the longest pause inside a streamed export "
          + "(default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Mixin StorageArgs storage;
  @Mixin LiveIngestionArgs live;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    LiveIngestionArgs.serviceLogging();
    List<String> ids = fleets.stream().flatMap(f -> Arrays.stream(f.split(","))).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    if (ids.isEmpty()) {
      throw new EValueCli.UsageError("no fleet: give --fleet ID or EVALUE_MS_FLEETS");
    }
    String credentials;
    try {
      credentials = Files.readString(credentialsFile).trim();
    } catch (IOException e) {
      throw new EValueCli.UsageError("cannot read --ms-credentials-file " + credentialsFile + ": " + e.getMessage());
    }
    StellantisConfig config = new StellantisConfig(URI.create(baseUrl), authPath, credentials, tokenMember, ids,
        Duration.ofSeconds(periodSeconds), maxConcurrent, Duration.ofSeconds(timeoutSeconds));
    StorageArgs.Configured c = storage.configure();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    PollingService service = PollingService.create("stellantis", c.warehouse(), Clock.systemUTC(), live.redis(),
        live.redisTimeout(), parts -> new StellantisPoller(config, http, parts.clock(), parts.records(),
            parts.metrics()));
    live.runUntilTerminated(service, spec.commandLine().getOut(),
        "evalue ingest stellantis: exporting " + ids.size() + " fleet(s) into " + c.warehouse());
  }
}
