package com.evalue.simulate.emit;

import com.evalue.transforms.model.PayloadFormat;
import java.time.LocalDate;

/** A native payload file type: its envelope format, file name by delivery day, and on-disk layout. */
public enum PayloadKind {
  TESLA_PROTO(PayloadFormat.TESLA_PROTO, "", ".pb", Layout.LENGTH_DELIMITED),
  TESLA_JSON(PayloadFormat.TESLA_JSON, "", ".ndjson", Layout.LINES),
  HM_JSON(PayloadFormat.HM_V13_JSON, "", ".ndjson", Layout.LINES),
  BMW_PUSH(PayloadFormat.BMW_PUSH_JSON, "push-", ".ndjson", Layout.PUSH_BODIES),
  BMW_CARDATA(PayloadFormat.BMW_CARDATA_JSON, "cardata-", ".ndjson", Layout.LINES),
  STELLANTIS_CAR_STATES(PayloadFormat.STELLANTIS_CARSTATE_JSON, "", ".json", Layout.JSON_ARRAY);

  /** How records are put in a file. */
  public enum Layout {
    /** Each record: varint byte length, then the bytes (Tesla protobuf). */
    LENGTH_DELIMITED,
    /** One JSON document per line. */
    LINES,
    /** BMW push: several vehicle elements per {@code {"vehiclePushKeyValues":[…]}} body, one body per line. */
    PUSH_BODIES,
    /** The Mobilisights export layout: {@code [}, one element per line, {@code ,} on its own line, {@code ]}. */
    JSON_ARRAY
  }

  private final PayloadFormat format;
  private final String prefix;
  private final String suffix;
  private final Layout layout;

  PayloadKind(PayloadFormat format, String prefix, String suffix, Layout layout) {
    this.format = format;
    this.prefix = prefix;
    this.suffix = suffix;
    this.layout = layout;
  }

  public PayloadFormat format() {
    return format;
  }

  public Layout layout() {
    return layout;
  }

  public String fileName(LocalDate deliveryDay) {
    return prefix + deliveryDay + suffix;
  }
}
