package com.evalue.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;

/**
 * The PostgreSQL the API works on. A blank {@code url} means the embedded default of the db module (PostgreSQL 17 under
 * {@code embedded_directory}, shared with the Beam CLI), which also enables the demo data.
 */
public class DatabaseSettings {
  @JsonProperty public String url;
  @JsonProperty public String user;
  @JsonProperty public String password;
  @JsonProperty("embedded_directory") public String embeddedDirectory = "data/postgres";
  /** Apply the Flyway migrations at start-up (validateOnMigrate); off = the schema must already be current. */
  @JsonProperty("migrate_on_start") public boolean migrateOnStart = true;
  @JsonProperty("pool_min_size") @Min(1) public int poolMinSize = 4;
  @JsonProperty("pool_max_size") @Min(1) @Max(500) public int poolMaxSize = 32;

  @JsonIgnore
  public boolean isEmbedded() {
    return url == null || url.isBlank();
  }

  @JsonIgnore
  public Path embeddedPath() {
    return Path.of(embeddedDirectory);
  }
}
