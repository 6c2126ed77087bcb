package com.evalue.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashSet;
import java.util.Set;

/** api.md §4: metered endpoints, fail-closed behaviour, plan cache and the call-log write path. */
public class MeteringSettings {
  /** Labels of the metered endpoints (api.md §4.1); an endpoint whose label is absent is not metered. */
  @JsonProperty("metered_endpoints") @NotNull
  public Set<String> meteredEndpoints = new LinkedHashSet<>(Set.of("in_life_data", "flash_soh", "report_data", "report_job"));
  /** true = admit (and flag the call) when Redis is unreachable; default false = 503 (fail closed). */
  @JsonProperty("fail_open") public boolean failOpen = false;
  @JsonProperty("plan_cache_ttl") @NotNull public Duration planCacheTtl = Duration.seconds(60);
  @JsonProperty("call_log") @NotNull public CallLog callLog = new CallLog();

  /** api.md §4.4.3 */
  public static class CallLog {
    @JsonProperty("queue_capacity") @Min(1) public int queueCapacity = 10_000;
    @JsonProperty("batch_size") @Min(1) @Max(10_000) public int batchSize = 500;
    @JsonProperty("flush_interval") @NotNull public Duration flushInterval = Duration.seconds(1);
    @JsonProperty("insert_retries") @Min(0) public int insertRetries = 3;
    @JsonProperty("retry_backoff") @NotNull public Duration retryBackoff = Duration.milliseconds(200);
    @JsonProperty("spill_file") @NotNull public String spillFile = "data/api/call-log-spill.ndjson";
  }
}
