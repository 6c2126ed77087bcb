package com.evalue.pipelines.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evalue bench tesla} end to end on a tiny backlog: the embedded broker, the DirectRunner ingestion and the
 * plain loop each in a child JVM, and the harness's own check that every produced record reached the temp buffer
 * or the dead letters and every offset was committed. No timing is asserted.
 */
class TeslaBenchTest {
  @TempDir Path work;

  @Test
  void measuresTheDirectRunnerAndTheLoopAndChecksWhatTheyWrote() throws Exception {
    TeslaBench.Settings s = new TeslaBench.Settings(work, 1000, 2, 8, 1, 3L, List.of("direct", "loop"), "local[2]",
        List.of("-Xmx1g"), 0, null, List.of());
    StringBuilder out = new StringBuilder();
    var json = TeslaBench.run(s, line -> out.append(line).append('\n'));
    JsonNode tree = PipelineBench.JSON.valueToTree(json);
    assertEquals(2, tree.path("throughput").size(), out.toString());
    for (JsonNode v : tree.path("throughput")) {
      assertTrue(v.path("complete").asBoolean(), v + "\n" + out);
      assertEquals(1000, v.path("envelopes_written").asLong() + v.path("dead_letters").asLong(), v.toString());
      assertTrue(v.path("records_per_second").asDouble() > 0, v.toString());
    }
    assertEquals(1000, tree.path("throughput").get(0).path("records_decoded").asLong(), "each record decoded once");
    assertTrue(((String) json.get("markdown")).contains("| evalue ingest tesla, DirectRunner |"), out.toString());
    assertTrue(Files.exists(work.resolve("runs/loop/loop.json")));
  }
}
