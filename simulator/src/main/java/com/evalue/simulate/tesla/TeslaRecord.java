package com.evalue.simulate.tesla;

import com.evalue.simulate.emit.SourceRecord;
import com.evalue.simulate.random.Rng;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A Tesla payload in one of its two wire forms (spec: sources.md §2.1, {@code tesla.value_format}). */
public record TeslaRecord(TeslaPayload payload, boolean json) implements SourceRecord {
  @Override
  public String vin() {
    return payload.vin();
  }

  @Override
  public byte[] encode() {
    return json
        ? TeslaJsonEncoder.encode(payload).getBytes(StandardCharsets.UTF_8)
        : TeslaProtoEncoder.encode(payload);
  }

  @Override
  public TeslaRecord withVin(String vin) {
    return new TeslaRecord(new TeslaPayload(payload.data(), payload.createdAt(), vin, payload.isResend()), json);
  }

  @Override
  public TeslaRecord shiftedBy(Duration shift) {
    return new TeslaRecord(
        new TeslaPayload(payload.data(), payload.createdAt().plus(shift), payload.vin(), payload.isResend()), json);
  }

  /** A third of re-sent Tesla records carry {@code is_resend = true}; the rest are plain republished copies. */
  @Override
  public SourceRecord redelivered(Rng rng) {
    if (!rng.chance(1.0 / 3)) {
      return this;
    }
    return new TeslaRecord(new TeslaPayload(payload.data(), payload.createdAt(), payload.vin(), true), json);
  }
}
