package com.evalue.db.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spec: schema.md §6.5 — for the Renault Zoe, the type is the first of the tokens q210, r240, r90, r110, q90, r135
 * found in the version text, and the rest of the text becomes {@code version}.
 */
record ZoeVersion(String type, String version) {
  private static final List<String> TOKENS = List.of("q210", "r240", "r90", "r110", "q90", "r135");
  private static final Pattern ZOE = Pattern.compile("^zo[eé]\\b.*");

  static boolean isZoe(String oemCode, String modelName) {
    return "renault".equals(oemCode) && modelName != null && ZOE.matcher(modelName).matches();
  }

  /** The split of {@code versionText}; when no token is present the whole text is the type and version is null. */
  static ZoeVersion split(String versionText) {
    if (versionText == null) {
      return new ZoeVersion(null, null);
    }
    for (String token : TOKENS) {
      Matcher m = Pattern.compile("(?i)(?<![a-z0-9])" + token + "(?![a-z0-9])").matcher(versionText);
      if (m.find()) {
        String rest = (versionText.substring(0, m.start()) + " " + versionText.substring(m.end()))
            .trim().replaceAll("\\s+", " ");
        return new ZoeVersion(token, rest.isEmpty() ? null : rest);
      }
    }
    return new ZoeVersion(versionText.toLowerCase(Locale.ROOT), null);
  }
}
