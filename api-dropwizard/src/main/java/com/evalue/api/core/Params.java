package com.evalue.api.core;

import com.evalue.api.errors.ApiException;
import com.evalue.db.fleet.Vin;
import java.util.UUID;

/** Parsing of query and path parameters into typed values; a bad value is a 422 on that field (api.md §1.2). */
public final class Params {
  private Params() {}

  public static UUID uuid(String field, String raw) {
    try {
      if (raw != null && raw.trim().length() == 36) {
        return UUID.fromString(raw.trim());
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw ApiException.invalid(field, "must be a UUID");
  }

  /** A malformed UUID in the path is a 400 (api.md §1.2). */
  public static UUID pathUuid(String raw) {
    try {
      if (raw != null && raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw ApiException.badRequest("Invalid UUID in path");
  }

  public static String vin(String field, String raw) {
    return Vin.normalise(raw).orElseThrow(() -> ApiException.invalid(field,
        "must be a VIN: 17 characters A-Z and 0-9 except I, O and Q"));
  }

  public static int integer(String field, String raw, int defaultValue, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiException.invalid(field, "must be an integer from " + min + " to " + max);
  }

  public static Boolean bool(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.invalid(field, "must be true or false");
    };
  }
}
