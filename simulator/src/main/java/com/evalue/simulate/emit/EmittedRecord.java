package com.evalue.simulate.emit;

import java.time.Instant;

/**
 * A record as a source emits it.
 *
 * @param eventTime the source's own time of the message (spec: sources.md, "event time" per source)
 * @param receivedAt when it reaches our ingestion in the normal case; its UTC date is the delivery day
 */
public record EmittedRecord(
    PayloadKind kind, int vehicleIndex, Instant eventTime, Instant receivedAt, SourceRecord record) {}
