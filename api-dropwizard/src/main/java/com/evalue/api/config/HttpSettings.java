package com.evalue.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** Cross-cutting HTTP behaviour of /v1. */
public class HttpSettings {
  /** CORS origins allowed, with credentials (api.md §1.5). Empty by default: no cross-origin access. */
  @JsonProperty("cors_allowed_origins") @NotNull public List<String> corsAllowedOrigins = new ArrayList<>();
  /** Request bodies above this size are refused with 400. */
  @JsonProperty("max_body_bytes") @Min(1024) public long maxBodyBytes = 1_048_576;
  /** GET /v1/health evaluates its checks at most this often (an unauthenticated endpoint must not hammer the DB). */
  @JsonProperty("health_cache_ttl") @NotNull public Duration healthCacheTtl = Duration.seconds(1);
}
