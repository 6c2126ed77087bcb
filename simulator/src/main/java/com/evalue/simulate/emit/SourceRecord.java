package com.evalue.simulate.emit;

import com.evalue.simulate.random.Rng;
import java.time.Duration;

/**
 * One native message as an OEM would deliver it, before encoding. The defect injector derives duplicates and
 * malformed variants from it.
 */
public interface SourceRecord {
  String vin();

  /** The encoded message (protobuf bytes or UTF-8 JSON without a line break). */
  byte[] encode();

  /** The same message for another VIN (invalid-VIN defects). */
  SourceRecord withVin(String vin);

  /** The same message with every timestamp moved by {@code shift} (future-timestamp defects). */
  SourceRecord shiftedBy(Duration shift);

  /** A copy as re-sent by the source: identical content, possibly flagged (Tesla {@code is_resend}). */
  default SourceRecord redelivered(Rng rng) {
    return this;
  }
}
