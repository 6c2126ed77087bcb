package com.evalue.api;

import com.evalue.api.auth.TokenService;
import com.evalue.api.db.EmbeddedRedis;
import com.evalue.api.db.RedisClients;
import com.evalue.db.Database;
import com.evalue.db.DatabaseSetup;
import com.evalue.db.Migrations;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.dropwizard.util.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * PostgreSQL, Redis and the JWT key of the process. Configured ones are used as they are; without configuration the
 * embedded defaults start: the db module's embedded PostgreSQL (shared with the Beam CLI), an embedded Redis, and a
 * JWT key generated once under {@code data/api/}. The schema is migrated (or, with {@code migrate_on_start: false},
 * verified) before anything else touches the database.
 */
public record Infrastructure(DataSourceFactory dataSourceFactory, RedisClient redis, URI redisUri, String jwtSecret,
    boolean embeddedDatabase) {
  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

  public static Infrastructure start(ApiConfiguration config, LifecycleEnvironment lifecycle) {
    Database database = openDatabase(config);
    lifecycle.manage(new io.dropwizard.lifecycle.Managed() {
      @Override
      public void stop() {
        database.close(); // stops the embedded server only if this process started it
      }
    });
    prepareSchema(config, database);

    URI redisUri;
    if (config.redis.isEmbedded()) {
      EmbeddedRedis embeddedRedis = EmbeddedRedis.launch();
      lifecycle.manage(embeddedRedis);
      redisUri = embeddedRedis.uri();
    } else {
      redisUri = URI.create(config.redis.uri.trim());
    }
    RedisClient redis = RedisClients.create(redisUri, config.redis.timeoutMs, config.redis.poolMaxSize);
    lifecycle.manage(new io.dropwizard.lifecycle.Managed() {
      @Override
      public void stop() {
        redis.close();
      }
    });
    return new Infrastructure(dataSourceFactory(config, database), redis, redisUri, jwtSecret(config),
        database.isEmbedded());
  }

  /** The configured PostgreSQL, or the embedded one (started, or attached to when another process runs it). */
  public static Database openDatabase(ApiConfiguration config) {
    var db = config.database;
    return Database.connect(db.isEmbedded() ? null : db.url, db.user, db.password, db.embeddedPath());
  }

  /** Migrations (and, on a fresh embedded database, the shipped model catalogue), or their verification. */
  public static void prepareSchema(ApiConfiguration config, Database database) {
    DataSource ds = database.dataSource();
    if (!config.database.migrateOnStart) {
      ValidateResult result = Flyway.configure().dataSource(ds).locations(Migrations.LOCATION).load()
          .validateWithResult();
      if (!result.validationSuccessful) {
        throw new IllegalStateException("Database schema is not current (database.migrate_on_start is off): "
            + result.getAllErrorMessages());
      }
      return;
    }
    if (database.isEmbedded()) {
      Migrations.migrate(ds);
      if (countModels(ds) == 0) {
        LOG.info("event=catalogue_import reason=empty_embedded_database summary=\"{}\"",
            DatabaseSetup.migrateAndSeed(ds));
      }
    } else {
      Migrations.migrate(ds);
    }
  }

  private static long countModels(DataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM vehicle_model")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read vehicle_model: " + e.getMessage(), e);
    }
  }

  private static DataSourceFactory dataSourceFactory(ApiConfiguration config, Database database) {
    DataSourceFactory f = new DataSourceFactory();
    f.setDriverClass("org.postgresql.Driver");
    f.setUrl(database.jdbcUrl());
    f.setUser(database.user());
    f.setPassword(database.password() == null ? "" : database.password());
    f.setMinSize(config.database.poolMinSize);
    f.setInitialSize(config.database.poolMinSize);
    f.setMaxSize(config.database.poolMaxSize);
    f.setMaxWaitForConnection(Duration.seconds(5));
    f.setValidationQuery("SELECT 1");
    f.setProperties(Map.of("reWriteBatchedInserts", "true", "ApplicationName", "evalue-api"));
    return f;
  }

  private static String jwtSecret(ApiConfiguration config) {
    String configured = config.auth.jwtSecret;
    if (configured != null && !configured.isBlank()) {
      if (configured.getBytes(StandardCharsets.UTF_8).length < TokenService.MIN_SECRET_BYTES) {
        throw new IllegalStateException("auth.jwt_secret must be at least 32 bytes");
      }
      return configured;
    }
    if (!config.database.isEmbedded()) {
      throw new IllegalStateException("auth.jwt_secret is required (at least 32 bytes) with a configured database");
    }
    Path parent = config.database.embeddedPath().toAbsolutePath().getParent();
    Path file = parent.resolve("api").resolve("jwt-secret");
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.writeString(file, secret, StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }
}
