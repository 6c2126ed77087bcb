package com.evalue.transforms.source;

import com.evalue.transforms.model.Envelope;
import java.util.Objects;

/**
 * A compressed row that could not be decoded: the original envelope and the one-line reason, for the DLQ (spec:
 * pipeline.md §1.2, storage.md §8).
 */
public record DecodeFailure(Envelope envelope, String reason) {
  public DecodeFailure {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(reason, "reason");
  }
}
