package com.evalue.transforms.source.tesla;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A decoded Tesla {@code Payload}, the same for the protobuf and the JSON form (spec: sources.md §2.2, §2.5).
 *
 * @param vin the payload VIN as sent, null when absent or empty
 * @param createdAt {@code created_at}, null when absent
 * @param resend {@code is_resend}
 * @param data the {@code Datum}s in payload order
 */
public record TeslaRecord(@Nullable String vin, @Nullable Instant createdAt, boolean resend, List<Datum> data) {
  public TeslaRecord {
    data = List.copyOf(data);
  }

  /**
   * One {@code Datum}.
   *
   * @param field the field number; -1 for a JSON key name we do not know
   * @param fieldName the JSON key name when it is not one of ours ("" otherwise)
   * @param value the value
   */
  public record Datum(int field, String fieldName, TeslaValue value) {
    public Datum {
      Objects.requireNonNull(fieldName, "fieldName");
      Objects.requireNonNull(value, "value");
    }
  }
}
