package com.evalue.ingestion.ops;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What {@code /health} reports: is the process consuming (it has a working session with its source), how far
 * behind the buffer is (age of the oldest unflushed envelope), and when it last wrote a temp object. A Kafka
 * consumer also reports its lag in records (end offsets − committed offsets; null for the other sources).
 */
public record Health(String source, boolean consuming, double lagSeconds, long buffered, Instant lastFlush,
    Instant lastReceive, boolean flushFailing, Long kafkaLagRecords) {

  public Health(String source, boolean consuming, double lagSeconds, long buffered, Instant lastFlush,
      Instant lastReceive, boolean flushFailing) {
    this(source, consuming, lagSeconds, buffered, lastFlush, lastReceive, flushFailing, null);
  }

  public boolean healthy() {
    return consuming && !flushFailing;
  }

  public String toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("status", healthy() ? "ok" : "failing");
    n.put("source", source);
    n.put("consuming", consuming);
    n.put("lag_seconds", lagSeconds);
    n.put("buffered_envelopes", buffered);
    n.put("last_flush", lastFlush == null ? null : lastFlush.toString());
    n.put("last_receive", lastReceive == null ? null : lastReceive.toString());
    n.put("flush_failing", flushFailing);
    if (kafkaLagRecords != null) {
      n.put("kafka_lag_records", kafkaLagRecords);
    }
    return n.toString();
  }
}
