package com.evalue.transforms.source;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.model.Timestamps;
import com.evalue.transforms.model.Vin;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.annotation.Nullable;

/** The rules every source shares when one vehicle element becomes an envelope (spec: sources.md §1.1–§1.3). */
public final class EnvelopeRules {
  private EnvelopeRules() {}

  /**
   * Validates the VIN of an element and builds its envelope, or the rejection: a missing or invalid VIN, or one
   * that disagrees with the transport key, is a dead letter (§1.2).
   */
  public static Extracted envelope(
      Make make,
      PayloadFormat format,
      byte[] payload,
      @Nullable String rawVin,
      Instant eventTime,
      String sourceId,
      String contentHash,
      Transport transport) {
    Optional<String> problem = vinProblem(rawVin, transport);
    if (problem.isPresent()) {
      return new Extracted.Rejected(payload, format.code() + ": " + problem.get(), vinAsSeen(rawVin));
    }
    String vin = Vin.normalize(rawVin).orElseThrow();
    return new Extracted.Accepted(
        new Envelope(vin, make, eventTime, transport.receivedAt(), format, payload, sourceId, contentHash));
  }

  /** Why {@code rawVin} cannot be stored, or empty when it is a valid VIN that agrees with the transport key. */
  public static Optional<String> vinProblem(@Nullable String rawVin, Transport transport) {
    Optional<String> vin = Vin.normalize(rawVin);
    if (vin.isEmpty()) {
      return Optional.of(Vin.whyInvalid(rawVin));
    }
    Optional<String> key = transport.key();
    if (key.isPresent() && !key.get().toUpperCase(Locale.ROOT).equals(vin.get())) {
      return Optional.of("VIN " + vin.get() + " disagrees with the transport key '" + key.get() + "'");
    }
    return Optional.empty();
  }

  /** The VIN to attach to a rejection: normalised when valid, else trimmed as received. */
  public static @Nullable String vinAsSeen(@Nullable String rawVin) {
    if (rawVin == null || rawVin.isBlank()) {
      return null;
    }
    return Vin.normalize(rawVin).orElse(rawVin.trim());
  }

  /**
   * Epoch digits as an instant (§1.3: at most 10 digits are epoch seconds, more are epoch milliseconds). Only plain
   * digit strings are accepted.
   */
  public static Optional<Instant> fromEpochText(@Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    if (!t.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(Timestamps.fromEpochDigits(Long.parseLong(t)));
  }

  /** The later of two optional instants. */
  public static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return b.isAfter(a) ? b : a;
  }
}
