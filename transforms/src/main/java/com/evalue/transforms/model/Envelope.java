package com.evalue.transforms.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;

/**
 * One received message, as appended to the temp buffer and kept in the compressed archive
 * (spec: sources.md §1.1, storage.md §2.3 and §3.4).
 *
 * @param vin normalised VIN
 * @param make make code
 * @param eventTime the source's own time for the message (UTC)
 * @param receivedAt our clock when ingestion received it (UTC)
 * @param payloadFormat how {@code payload} is encoded
 * @param payload the exact bytes received (UTF-8 JSON of one vehicle's element for JSON sources)
 * @param sourceId transport position: {@code topic:partition:offset}, {@code poll:…}, {@code push:…} or
 *     {@code file:…}
 * @param contentHash SHA-256 hex of the canonical payload (sources.md §1.4)
 */
public record Envelope(
    String vin,
    Make make,
    Instant eventTime,
    Instant receivedAt,
    PayloadFormat payloadFormat,
    byte[] payload,
    String sourceId,
    String contentHash) {

  public Envelope {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(payloadFormat, "payloadFormat");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(contentHash, "contentHash");
    eventTime = Timestamps.truncateToMicros(eventTime);
    receivedAt = Timestamps.truncateToMicros(receivedAt);
  }

  /** The data date: UTC calendar date of the event time (spec: README.md glossary). */
  public LocalDate dataDate() {
    return LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Envelope e)) {
      return false;
    }
    return vin.equals(e.vin)
        && make == e.make
        && eventTime.equals(e.eventTime)
        && receivedAt.equals(e.receivedAt)
        && payloadFormat == e.payloadFormat
        && Arrays.equals(payload, e.payload)
        && sourceId.equals(e.sourceId)
        && contentHash.equals(e.contentHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(vin, make, eventTime, receivedAt, payloadFormat, sourceId, contentHash)
        * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Envelope{vin=" + vin + ", make=" + make.code() + ", eventTime=" + eventTime + ", receivedAt="
        + receivedAt + ", format=" + payloadFormat.code() + ", bytes=" + payload.length + ", sourceId=" + sourceId
        + ", contentHash=" + contentHash + "}";
  }
}
