package com.evalue.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** activation.md §3: what the order endpoints need. */
public class ActivationSettings {
  /** OEM codes whose OEM SoH can be read without activating the vehicle (activation.md §3.3 rule 9); default none. */
  @JsonProperty("instant_readout_oems") @NotNull public Set<String> instantReadoutOems = new LinkedHashSet<>();
  /** Help text per OEM code shown as {@code consent_information} (activation.md §3.3). */
  @JsonProperty("consent_information") @NotNull public Map<String, String> consentInformation = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("tesla", "Pair the EValue virtual key in the Tesla app and allow the EValue third-party application "
        + "access to the vehicle data.");
    m.put("ford", "Accept data sharing with EValue in the FordPass owner app.");
    return m;
  }
}
