package com.evalue.pipelines.ingest;

import com.evalue.io.files.NativeMessageReader.Container;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.PayloadFormat;
import java.nio.charset.StandardCharsets;

/** Which payload format a message of a native file has, from its make, its container and (BMW) its content. */
final class NativeFormats {
  private NativeFormats() {}

  static PayloadFormat of(Make make, Container container, byte[] message) {
    return switch (make) {
      case TESLA -> container == Container.PROTOBUF_DELIMITED ? PayloadFormat.TESLA_PROTO : PayloadFormat.TESLA_JSON;
      case BMW -> new String(message, StandardCharsets.UTF_8).contains("\"telematicData\"")
          ? PayloadFormat.BMW_CARDATA_JSON
          : PayloadFormat.BMW_PUSH_JSON;
      case STELLANTIS -> PayloadFormat.STELLANTIS_CARSTATE_JSON;
      case MERCEDES_BENZ, RENAULT, VOLVO_CARS, FORD, KIA -> PayloadFormat.HM_V13_JSON;
    };
  }

  /** A protobuf file only makes sense for Tesla; every other source is JSON. */
  static boolean accepts(Make make, Container container) {
    return make == Make.TESLA || container != Container.PROTOBUF_DELIMITED;
  }
}
