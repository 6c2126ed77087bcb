package com.evalue.transforms.model;

import java.util.Arrays;
import java.util.Optional;

/** How an envelope's payload bytes are encoded (spec: sources.md §1.1, storage.md §3.4). */
public enum PayloadFormat {
  TESLA_PROTO("tesla_proto"),
  TESLA_JSON("tesla_json"),
  HM_V13_JSON("hm_v13_json"),
  BMW_PUSH_JSON("bmw_push_json"),
  BMW_CARDATA_JSON("bmw_cardata_json"),
  STELLANTIS_CARSTATE_JSON("stellantis_carstate_json");

  private final String code;

  PayloadFormat(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<PayloadFormat> fromCode(String code) {
    return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
  }
}
