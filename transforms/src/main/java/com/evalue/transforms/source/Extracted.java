package com.evalue.transforms.source;

import com.evalue.transforms.model.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * The outcome of extracting one vehicle element of a received message: an envelope for the temp buffer, or a
 * dead letter for {@code dlq/ingestion/{make}/{date}/} (spec: sources.md §1.1–§1.2, storage.md §8).
 */
public sealed interface Extracted {

  /** A valid vehicle element, ready to buffer. */
  record Accepted(Envelope envelope) implements Extracted {
    public Accepted {
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  /**
   * A message or element that must not be stored: it goes to the dead-letter area and is counted, never dropped.
   *
   * @param original the bytes of what was rejected (the whole message, or the one element that was bad)
   * @param reason one line saying why
   * @param vin the VIN as found in the element (normalised when valid), when there was one
   */
  record Rejected(byte[] original, String reason, @Nullable String vin) implements Extracted {
    public Rejected {
      Objects.requireNonNull(original, "original");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Rejected r
          && Arrays.equals(original, r.original)
          && reason.equals(r.reason)
          && Objects.equals(vin, r.vin);
    }

    @Override
    public int hashCode() {
      return Objects.hash(reason, vin) * 31 + Arrays.hashCode(original);
    }

    @Override
    public String toString() {
      String text = new String(original, StandardCharsets.UTF_8);
      return "Rejected{reason=" + reason + ", vin=" + vin + ", bytes=" + original.length + ", original="
          + (text.length() > 120 ? text.substring(0, 120) + "…" : text) + "}";
    }
  }
}
