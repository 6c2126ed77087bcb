package com.evalue.cli;

import com.evalue.ingestion.PollingService;
import com.evalue.ingestion.bmw.BmwCarDataPoller;
import com.evalue.ingestion.bmw.CarDataConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evalue ingest bmw-cardata}: the optional BMW CarData REST poller (spec: sources.md §4.2). */
@Command(name = "bmw-cardata", mixinStandardHelpOptions = true,
    description = {"Polls BMW CarData (REST) into the temp buffer until SIGTERM.",
        "At most 48 requests per account and UTC day: each VIN every 30 min x the VINs on its account. A 403 "
            + "with code CU-429 stops the account until 00:00 UTC. SIGTERM flushes the buffer within 10 s."})
final class IngestBmwCarDataCommand implements Runnable {
  @Option(names = "--cardata-config", paramLabel = "FILE", required = true,
      defaultValue = "${env:EVALUE_CARDATA_CONFIG}",
      description = {"Properties file (env EVALUE_CARDATA_CONFIG): cardata.base_url, cardata.container_id,",
          "cardata.token_url, and per account account.NAME.vins, .client_id, .refresh_token, .access_token."})
  Path configFile;

  @Mixin StorageArgs storage;
  @Mixin LiveIngestionArgs live;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    LiveIngestionArgs.serviceLogging();
    CarDataConfig config;
    try {
      config = CarDataConfig.load(configFile);
    } catch (IOException | IllegalArgumentException e) {
      throw new EValueCli.UsageError("--cardata-config " + configFile + ": " + e.getMessage());
    }
    if (config.accounts().isEmpty()) {
      throw new EValueCli.UsageError("--cardata-config " + configFile + " defines no account.NAME.vins");
    }
    StorageArgs.Configured c = storage.configure();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    PollingService service = PollingService.create("bmw-cardata", c.warehouse(), Clock.systemUTC(), live.redis(),
        live.redisTimeout(), parts -> new BmwCarDataPoller(config, http, parts.clock(), parts.records(),
            parts.metrics()));
    live.runUntilTerminated(service, spec.commandLine().getOut(),
        "evalue ingest bmw-cardata: " + config.accounts().size() + " account(s) into " + c.warehouse());
  }
}
