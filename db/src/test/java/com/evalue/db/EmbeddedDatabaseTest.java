package com.evalue.db;

import static com.evalue.db.TestDatabases.count;
import static com.evalue.db.TestDatabases.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default database: a persistent data directory, a recorded port, sharing between processes. */
class EmbeddedDatabaseTest {

  @Test
  void dataSurvivesAStopAndStartOnTheSameDataDirectory(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("postgres");
    int port;
    try (EmbeddedDatabase first = TestDatabases.start(data)) {
      assertTrue(first.ownsServer());
      port = first.port();
      assertEquals("jdbc:postgresql://localhost:" + port + "/evalue", first.jdbcUrl());
      Migrations.migrate(first.dataSource());
      execute(first.dataSource(), "INSERT INTO company (name) VALUES ('Survivor')");
    }
    assertFalse(Files.exists(data.resolve("postmaster.pid")), "the server stopped");
    assertEquals(Integer.toString(port), Files.readString(data.resolve(EmbeddedDatabase.PORT_FILE)));

    try (EmbeddedDatabase second = EmbeddedDatabase.start(data)) {
      assertTrue(second.ownsServer());
      assertEquals(port, second.port(), "the recorded port is reused");
      assertEquals(1L, count(second.dataSource(), "SELECT count(*) FROM company WHERE name = 'Survivor'"));
      assertEquals(0, Migrations.migrate(second.dataSource()).applied());
    }
  }

  @Test
  void aSecondStartAttachesToTheRunningServer(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("postgres");
    try (EmbeddedDatabase owner = TestDatabases.start(data)) {
      execute(owner.dataSource(), "CREATE TABLE shared (v int); INSERT INTO shared VALUES (42)");
      try (EmbeddedDatabase attached = EmbeddedDatabase.start(data)) {
        assertFalse(attached.ownsServer());
        assertEquals(owner.port(), attached.port());
        assertEquals(owner.jdbcUrl(), attached.jdbcUrl());
        assertEquals(42L, count(attached.dataSource(), "SELECT v FROM shared"));
      }
      assertEquals(42L, count(owner.dataSource(), "SELECT v FROM shared"), "closing an attached instance keeps the server");
    }
  }

  @Test
  void connectUsesTheJdbcUrlWhenGivenElseTheEmbeddedDatabase(@TempDir Path dir) throws Exception {
    try (Database embedded = Database.connect(null, null, null, dir.resolve("postgres"))) {
      assertTrue(embedded.isEmbedded());
      assertEquals(1L, count(embedded.dataSource(), "SELECT 1"));
      try (Database external = Database.connect(embedded.jdbcUrl(), embedded.user(), embedded.password())) {
        assertFalse(external.isEmbedded());
        assertEquals(embedded.jdbcUrl(), external.jdbcUrl());
        assertEquals(1L, count(external.dataSource(), "SELECT 1"));
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Database.connect("jdbc:mysql://localhost/evalue", "u", "p"));
    assertEquals("Not a PostgreSQL JDBC URL: jdbc:mysql://localhost/evalue", e.getMessage());
  }
}
