package com.evalue.io.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.evalue.io.testing.InProcessS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same contract on local disk and on an in-process S3 server through {@code s3://}. */
class WarehouseTest {
  @TempDir static Path localRoot;

  static Stream<Warehouse> warehouses() {
    return Stream.of(
        Warehouse.at(localRoot.resolve(UUID.randomUUID().toString()).toString()),
        InProcessS3.warehouse("wh-" + UUID.randomUUID()));
  }

  @ParameterizedTest
  @MethodSource("warehouses")
  void writesReadsListsAndDeletesWholeObjects(Warehouse w) {
    w.write("temp/tesla/5YJ3E7EB9NF000123/2025-06-14/a_1_000001.ndjson.gz", bytes("one"));
    w.write("temp/tesla/5YJ3E7EB9NF000123/2025-06-14/a_2_000002.ndjson.gz", bytes("two"));
    w.write("temp/tesla/5YJ3E7EB9NF000124/2025-06-15/a_3_000003.ndjson.gz", bytes("three"));
    w.write("compressed/tesla/2025/06/14/5YJ3E7EB9NF000123.parquet", bytes("p"));

    assertEquals(List.of(
            "temp/tesla/5YJ3E7EB9NF000123/2025-06-14/a_1_000001.ndjson.gz",
            "temp/tesla/5YJ3E7EB9NF000123/2025-06-14/a_2_000002.ndjson.gz",
            "temp/tesla/5YJ3E7EB9NF000124/2025-06-15/a_3_000003.ndjson.gz"),
        w.list("temp/tesla/*/*/*.ndjson.gz"));
    assertArrayEquals(bytes("two"), w.read("temp/tesla/5YJ3E7EB9NF000123/2025-06-14/a_2_000002.ndjson.gz"));

    w.write("compressed/tesla/2025/06/14/5YJ3E7EB9NF000123.parquet", bytes("replaced"));
    assertArrayEquals(bytes("replaced"), w.read("compressed/tesla/2025/06/14/5YJ3E7EB9NF000123.parquet"));

    w.delete(List.of("temp/tesla/5YJ3E7EB9NF000123/2025-06-14/a_1_000001.ndjson.gz", "temp/missing.gz"));
    assertEquals(2, w.list("temp/tesla/*/*/*.ndjson.gz").size());
    assertFalse(w.readIfExists("temp/tesla/5YJ3E7EB9NF000123/2025-06-14/a_1_000001.ndjson.gz").isPresent());
    assertTrue(w.list("nothing/here/*").isEmpty());
  }

  @Test
  void localWritesLeaveNoTemporaryFilesAndListingsIgnoreThem() throws Exception {
    Path root = localRoot.resolve("atomic");
    Warehouse w = Warehouse.at(root.toString());
    w.write("dir/file.parquet", bytes("x"));
    Files.writeString(root.resolve("dir/.file.parquet.tmp-crashed"), "partial");
    try (Stream<Path> files = Files.list(root.resolve("dir"))) {
      assertEquals(2, files.count());
    }
    assertEquals(List.of("dir/file.parquet"), w.list("dir/*"));
  }

  @Test
  void rejectsPlainHttpToARemoteEndpoint() {
    StorageOptions o = PipelineOptionsFactory.fromArgs("--warehouse=s3://bucket/p",
        "--endpoint=http://s3.example.com").as(StorageOptions.class);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Storage.configure(o));
    assertTrue(e.getMessage().contains("must use https"), e.getMessage());
  }

  @Test
  void normalisesRoots() {
    assertEquals("s3://bucket/prefix", Warehouse.at("s3://bucket/prefix/").root());
    assertFalse(Warehouse.at("s3://bucket/prefix").isLocal());
    assertTrue(Warehouse.at("file:///tmp/x").isLocal());
    assertThrows(IllegalArgumentException.class, () -> Warehouse.at("gs://bucket"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
