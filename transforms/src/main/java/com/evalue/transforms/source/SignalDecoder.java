package com.evalue.transforms.source;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.source.bmw.BmwCarDataSignals;
import com.evalue.transforms.source.bmw.BmwPushSignals;
import com.evalue.transforms.source.highmobility.HmSignals;
import com.evalue.transforms.source.stellantis.StellantisSignals;
import com.evalue.transforms.source.tesla.TeslaSignals;

/**
 * Decodes one compressed row (an envelope) into the long records of {@code raw_tss} (spec: pipeline.md §1.2):
 * canonical signals of the envelope's make only, unit-tagged values converted to canonical units, untagged values
 * in native scale. Never throws for bad input: an undecodable payload gives {@link DecodeResult#error()}.
 */
public final class SignalDecoder {
  private SignalDecoder() {}

  public static DecodeResult decode(Envelope e) {
    if (!EnvelopeExtractor.belongsTo(e.payloadFormat(), e.make())) {
      return DecodeResult.failed(e.payloadFormat().code() + ": not a payload format of make " + e.make().code());
    }
    SignalSink sink = new SignalSink(e);
    try {
      switch (e.payloadFormat()) {
        case TESLA_PROTO, TESLA_JSON -> TeslaSignals.decode(e, sink);
        case HM_V13_JSON -> HmSignals.decode(e, sink);
        case BMW_PUSH_JSON -> BmwPushSignals.decode(e, sink);
        case BMW_CARDATA_JSON -> BmwCarDataSignals.decode(e, sink);
        case STELLANTIS_CARSTATE_JSON -> StellantisSignals.decode(e, sink);
        default -> throw new IllegalStateException("unhandled format " + e.payloadFormat());
      }
    } catch (MalformedPayloadException ex) {
      return DecodeResult.failed(ex.getMessage());
    } catch (RuntimeException ex) {
      return DecodeResult.failed(e.payloadFormat().code() + ": unexpected decoder error: "
          + MalformedPayloadException.oneLine(ex.toString()));
    }
    return sink.result();
  }
}
