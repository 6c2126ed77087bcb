package com.evalue.db.catalogue;

import com.evalue.db.catalogue.Brands.Brand;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-catalogue import (schema.md §6): for each feed row, resolve the OEM through the {@code make} table
 * (§6.2), get or create the battery (§6.3), get or create the {@code vehicle_model} keyed by {@code evdb_model_id}
 * and update its fields (§6.4, §6.5). Idempotent (§6.6). One transaction per import; a row the database rejects is
 * skipped (savepoint) and reported, it does not abort the import.
 */
public final class CatalogueImport {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogueImport.class);
  /** The catalogue shipped in the repository, the default source (schema.md §6.1). */
  public static final String BUNDLED = "classpath:catalogue/ev_models.csv";

  private final DataSource dataSource;

  public CatalogueImport(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Imports the shipped catalogue ({@value #BUNDLED}). */
  public static CatalogueReport importBundled(DataSource dataSource) {
    return new CatalogueImport(dataSource).importFrom(BUNDLED);
  }

  /** Imports from an http(s) URL, a local JSON/CSV file path, or a {@code classpath:} resource. */
  public CatalogueReport importFrom(String source) {
    CatalogueReport report = importFeed(CatalogueFeed.read(source));
    LOG.info("event=catalogue_import source={} {}", source, report);
    return report;
  }

  /** Imports feed rows given as field name → value maps (field names of schema.md §6.4, any case). */
  public CatalogueReport importRows(List<Map<String, String>> rows) {
    return importFeed(rows.stream().map(CatalogueImport::lowerKeys).map(FeedRow::new).toList());
  }

  CatalogueReport importFeed(List<FeedRow> rows) {
    Tally tally = new Tally();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Brands brands = Brands.load(c);
        for (FeedRow row : rows) {
          importRow(c, brands, row, tally);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Model catalogue import failed: " + e.getMessage(), e);
    }
    return tally.report(rows.size());
  }

  private void importRow(Connection c, Brands brands, FeedRow row, Tally tally) throws SQLException {
    ModelSpec spec;
    try {
      spec = ModelSpec.from(row);
    } catch (IllegalArgumentException e) {
      tally.skip(e.getMessage());
      return;
    }
    Optional<Brand> make = brands.brand(spec.brand());
    if (make.isEmpty()) {
      tally.skip("brand '" + Brands.normalise(spec.brand()) + "' maps to no supported OEM"); // spec: schema.md §6.2
      return;
    }
    Savepoint savepoint = c.setSavepoint();
    try {
      UUID batteryId = null;
      if (!spec.battery().isEmpty()) {
        BatterySpec.Stored battery = spec.battery().getOrCreate(c);
        batteryId = battery.id();
        tally.batteriesCreated += battery.created() ? 1 : 0;
      }
      tally.count(CatalogueModels.upsert(c, spec.evdbModelId(), spec.columns(make.get(), batteryId)));
      c.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      c.rollback(savepoint);
      String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      tally.skip("database rejected the row: " + reason);
      LOG.warn("event=catalogue_row_rejected vehicleId={} reason=\"{}\"", spec.evdbModelId(), reason);
    }
  }

  private static Map<String, String> lowerKeys(Map<String, String> row) {
    Map<String, String> lower = new TreeMap<>();
    row.forEach((k, v) -> lower.put(k.trim().toLowerCase(Locale.ROOT), v));
    return lower;
  }

  private static final class Tally {
    int created;
    int updated;
    int unchanged;
    int skipped;
    int batteriesCreated;
    final Map<String, Integer> reasons = new TreeMap<>();

    void count(CatalogueModels.Outcome outcome) {
      switch (outcome) {
        case CREATED -> created++;
        case UPDATED -> updated++;
        case UNCHANGED -> unchanged++;
      }
    }

    void skip(String reason) {
      skipped++;
      reasons.merge(reason, 1, Integer::sum);
    }

    CatalogueReport report(int read) {
      return new CatalogueReport(read, created, updated, unchanged, skipped, Collections.unmodifiableMap(new TreeMap<>(reasons)), batteriesCreated);
    }
  }
}
