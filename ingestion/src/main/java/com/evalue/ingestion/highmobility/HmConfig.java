package com.evalue.ingestion.highmobility;

import com.evalue.transforms.model.Make;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The High Mobility poller's settings (spec: sources.md §3.1).
 *
 * @param baseUrl {@code hm.base_url}
 * @param periods polling period per make (§3.1.4: renault and ford 35 s; mercedes-benz, volvo-cars and kia 125 s)
 * @param clearanceRefresh how often the clearance list is read again (120 min)
 * @param maxConcurrent requests in flight at most (8)
 * @param requestTimeout a response slower than this is abandoned and the VIN polled at its next period
 */
public record HmConfig(URI baseUrl, String clientId, String clientSecret, Map<Make, Duration> periods,
    Duration clearanceRefresh, int maxConcurrent, Duration requestTimeout) {

  public HmConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    periods = Map.copyOf(periods);
  }

  public static Map<Make, Duration> defaultPeriods() {
    Map<Make, Duration> p = new EnumMap<>(Make.class);
    p.put(Make.RENAULT, Duration.ofSeconds(35));
    p.put(Make.FORD, Duration.ofSeconds(35));
    p.put(Make.MERCEDES_BENZ, Duration.ofSeconds(125));
    p.put(Make.VOLVO_CARS, Duration.ofSeconds(125));
    p.put(Make.KIA, Duration.ofSeconds(125));
    return p;
  }

  public static HmConfig defaults(URI baseUrl, String clientId, String clientSecret) {
    return new HmConfig(baseUrl, clientId, clientSecret, defaultPeriods(), Duration.ofMinutes(120), 8,
        Duration.ofSeconds(30));
  }

  public HmConfig withRequestTimeout(Duration timeout) {
    return new HmConfig(baseUrl, clientId, clientSecret, periods, clearanceRefresh, maxConcurrent, timeout);
  }

  public Duration period(Make make) {
    return periods.getOrDefault(make, Duration.ofSeconds(125));
  }

  URI resolve(String path) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(base + path);
  }
}
