package com.evalue.db.catalogue;

import java.util.Map;

/**
 * What one catalogue import did. {@code skippedReasons} counts the skipped rows per one-line reason.
 * {@code read = created + updated + unchanged + skipped}.
 */
public record CatalogueReport(int read, int created, int updated, int unchanged, int skipped,
    Map<String, Integer> skippedReasons, int batteriesCreated) {

  @Override
  public String toString() {
    return "read=" + read + " created=" + created + " updated=" + updated + " unchanged=" + unchanged
        + " skipped=" + skipped + " batteriesCreated=" + batteriesCreated
        + (skippedReasons.isEmpty() ? "" : " skippedReasons=" + skippedReasons);
  }
}
