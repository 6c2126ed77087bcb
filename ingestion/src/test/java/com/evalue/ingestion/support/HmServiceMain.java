package com.evalue.ingestion.support;

import com.evalue.ingestion.PollingService;
import com.evalue.ingestion.highmobility.HighMobilityPoller;
import com.evalue.ingestion.highmobility.HmConfig;
import com.evalue.io.storage.Warehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * A High Mobility ingestion process for the SIGTERM test, wired as the CLI wires it: {@code args} are the HM base
 * URL, the warehouse and how many envelopes to wait for. Prints {@code READY} once they are buffered, then
 * runs until terminated.
 */
public final class HmServiceMain {
  private HmServiceMain() {}

  public static void main(String[] args) throws Exception {
    HmConfig config = HmConfig.defaults(URI.create(args[0]), "client-1", "secret-1");
    PollingService service = PollingService.create("high-mobility", Warehouse.at(args[1]), Clock.systemUTC(), null,
        Duration.ofMillis(500), parts -> new HighMobilityPoller(config, HttpClient.newHttpClient(), parts.clock(),
            parts.records(), parts.metrics()));
    service.closeOnShutdown().start(Duration.ofMillis(100));
    int expected = Integer.parseInt(args[2]);
    while (service.buffer().buffered() < expected) {
      Thread.sleep(10);
    }
    System.out.println("READY " + service.buffer().buffered());
    System.out.flush();
    service.awaitStopped();
  }
}
