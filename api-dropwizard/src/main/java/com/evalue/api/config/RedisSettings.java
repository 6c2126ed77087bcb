package com.evalue.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The Redis of the metering counters. A blank {@code uri} starts an embedded Redis on a free loopback port. */
public class RedisSettings {
  /** e.g. {@code redis://localhost:6379/0} or {@code rediss://user:secret@host:6380}. */
  @JsonProperty public String uri;
  /** Connect and socket timeout; a slower Redis counts as unreachable (api.md §4.3.6). */
  @JsonProperty("timeout_ms") @Min(10) @Max(10_000) public int timeoutMs = 250;
  @JsonProperty("pool_max_size") @Min(1) @Max(1024) public int poolMaxSize = 64;

  @JsonIgnore
  public boolean isEmbedded() {
    return uri == null || uri.isBlank();
  }
}
