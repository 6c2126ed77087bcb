package com.evalue.pipelines.common;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Timestamps;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** {@code runs/{stage}/{make}/{run_id}.json}: counters, duration, inputs and outputs (spec: storage.md §8). */
public final class RunSummary {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunSummary() {}

  public static String write(Warehouse warehouse, String stage, String make, Instant startedAt, Instant endedAt,
      Map<String, Long> counters, Map<String, Object> details) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("stage", stage);
    n.put("make", make);
    n.put("run_id", ArchivePaths.runId(startedAt));
    n.put("started_at", Timestamps.formatMicros(startedAt));
    n.put("ended_at", Timestamps.formatMicros(endedAt));
    n.put("duration_ms", endedAt.toEpochMilli() - startedAt.toEpochMilli());
    ObjectNode c = n.putObject("counters");
    new java.util.TreeMap<>(counters).forEach(c::put);
    n.set("details", MAPPER.valueToTree(details));
    String path = ArchivePaths.runSummary(stage, make, ArchivePaths.runId(startedAt));
    try {
      warehouse.write(path, MAPPER.writeValueAsString(n).getBytes(StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return path;
  }
}
