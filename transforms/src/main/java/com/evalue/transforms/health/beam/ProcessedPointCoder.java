package com.evalue.transforms.health.beam;

import com.evalue.transforms.health.PhaseStatus;
import com.evalue.transforms.health.normalise.ProcessedPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** The explicit, deterministic coder of {@link ProcessedPoint}. */
public final class ProcessedPointCoder extends DeterministicCoder<ProcessedPoint> {
  private static final long serialVersionUID = 1L;
  private static final ProcessedPointCoder INSTANCE = new ProcessedPointCoder();

  private ProcessedPointCoder() {}

  public static ProcessedPointCoder of() {
    return INSTANCE;
  }

  @Override
  protected String typeName() {
    return "ProcessedPoint";
  }

  @Override
  protected void encodeValue(ProcessedPoint p, OutputStream out) throws IOException {
    ValueCodec.writeString(p.vin(), out);
    ValueCodec.writeInstant(p.timestamp(), out);
    ValueCodec.writeSignals(p.values(), out);
    ValueCodec.writeStrings(p.invalidSignals(), out);
    ValueCodec.writeComponent(PhaseStatus.class, p.segStatus(), out);
    ValueCodec.writeComponent(Integer.class, p.segPhaseIndex(), out);
  }

  @Override
  public ProcessedPoint decode(InputStream in) throws IOException {
    String vin = ValueCodec.readString(in);
    java.time.Instant t = ValueCodec.readInstant(in);
    Map<String, Object> values = ValueCodec.readSignals(in);
    List<String> invalid = ValueCodec.readStrings(in);
    PhaseStatus status = (PhaseStatus) ValueCodec.readComponent(PhaseStatus.class, in);
    Integer index = (Integer) ValueCodec.readComponent(Integer.class, in);
    return new ProcessedPoint(vin, t, values, invalid, status, index);
  }
}
