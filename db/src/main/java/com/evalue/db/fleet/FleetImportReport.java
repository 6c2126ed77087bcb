package com.evalue.db.fleet;

import java.util.List;

/**
 * What one fleet CSV import did. {@code rowsRead = inserted + updated + unchanged + rejected.size()}.
 * A rejection names the CSV line (the header is line 1) and a one-line reason.
 */
public record FleetImportReport(int rowsRead, int inserted, int updated, int unchanged, List<Rejection> rejected,
    int modelsCreated) {

  /** A row that was not loaded. */
  public record Rejection(int line, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }

  @Override
  public String toString() {
    return "rowsRead=" + rowsRead + " inserted=" + inserted + " updated=" + updated + " unchanged=" + unchanged
        + " rejected=" + rejected.size() + " modelsCreated=" + modelsCreated;
  }
}
