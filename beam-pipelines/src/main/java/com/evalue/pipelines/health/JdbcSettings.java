package com.evalue.pipelines.health;

import java.io.Serializable;
import javax.sql.DataSource;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/** How workers reach PostgreSQL: serialisable, turned into JdbcIO's pooled data source on each worker. */
public record JdbcSettings(String url, String user, String password) implements Serializable {
  public JdbcIO.DataSourceConfiguration configuration() {
    return JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", url)
        .withUsername(user)
        .withPassword(password == null ? "" : password);
  }

  /** A pooled data source shared by the DoFns of this JVM (JdbcIO keeps one pool per configuration). */
  public DataSource dataSource() {
    return JdbcIO.PoolableDataSourceProvider.of(configuration()).apply(null);
  }
}
