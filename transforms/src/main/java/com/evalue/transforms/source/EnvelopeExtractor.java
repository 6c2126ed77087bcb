package com.evalue.transforms.source;

import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import com.evalue.transforms.source.bmw.BmwCarDataEnvelopes;
import com.evalue.transforms.source.bmw.BmwPushEnvelopes;
import com.evalue.transforms.source.highmobility.HmEnvelopes;
import com.evalue.transforms.source.stellantis.StellantisEnvelopes;
import com.evalue.transforms.source.tesla.TeslaEnvelopes;
import java.util.List;
import java.util.Objects;

/**
 * Turns one received native message into envelopes (spec: sources.md §1.1–§1.4, §2.1, §2.6, §3.2, §4, §5). Pure:
 * no I/O, no clock (the receive time comes with the {@link Transport}), and never throws for bad input: every
 * problem is a {@link Extracted.Rejected} with a one-line reason.
 *
 * <ul>
 *   <li>{@code tesla_proto}/{@code tesla_json}: one {@code Payload} → one envelope.
 *   <li>{@code hm_v13_json}: one response → one envelope; its brand must belong to {@code make}.
 *   <li>{@code bmw_push_json}: one body → one envelope per {@code vehiclePushKeyValues} element.
 *   <li>{@code bmw_cardata_json}: one {@code {vin, telematicData}} → one envelope.
 *   <li>{@code stellantis_carstate_json}: one car state, or an array of them → one envelope each.
 * </ul>
 */
public final class EnvelopeExtractor {
  private EnvelopeExtractor() {}

  public static List<Extracted> extract(Make make, PayloadFormat format, byte[] message, Transport transport) {
    Objects.requireNonNull(make, "make");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(transport, "transport");
    byte[] bytes = message == null ? new byte[0] : message;
    if (!belongsTo(format, make)) {
      return List.of(new Extracted.Rejected(bytes,
          format.code() + ": not a payload format of make " + make.code(), transport.key().orElse(null)));
    }
    try {
      return switch (format) {
        case TESLA_PROTO, TESLA_JSON -> TeslaEnvelopes.extract(format, bytes, transport);
        case HM_V13_JSON -> HmEnvelopes.extract(make, bytes, transport);
        case BMW_PUSH_JSON -> BmwPushEnvelopes.extract(bytes, transport);
        case BMW_CARDATA_JSON -> BmwCarDataEnvelopes.extract(bytes, transport);
        case STELLANTIS_CARSTATE_JSON -> StellantisEnvelopes.extract(bytes, transport);
      };
    } catch (RuntimeException e) {
      // A defect, not bad input; still a dead letter rather than a lost message.
      return List.of(new Extracted.Rejected(bytes, format.code() + ": unexpected extraction error: "
          + MalformedPayloadException.oneLine(e.toString()), transport.key().orElse(null)));
    }
  }

  /** Which make codes a payload format can carry (spec: sources.md §1.1 and per-source sections). */
  public static boolean belongsTo(PayloadFormat format, Make make) {
    return switch (format) {
      case TESLA_PROTO, TESLA_JSON -> make == Make.TESLA;
      case HM_V13_JSON -> make.isHighMobility();
      case BMW_PUSH_JSON, BMW_CARDATA_JSON -> make == Make.BMW;
      case STELLANTIS_CARSTATE_JSON -> make == Make.STELLANTIS;
    };
  }
}
