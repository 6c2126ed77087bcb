package com.evalue.db.fleet;

import com.evalue.db.catalogue.Brands;
import com.evalue.db.csv.CsvTable;
import com.evalue.db.fleet.FleetImportReport.Rejection;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a fleet's vehicles from a CSV: header required; columns {@code vin,make} required, {@code model,
 * net_capacity_kwh,range_km,fleet,region,start_date} optional, other columns ignored, names in any case.
 * {@code make} is a make code (tesla, bmw, ..., stellantis) or a brand of the {@code make} table (peugeot, mini, ...).
 * Rows with a bad VIN, an unknown make or a malformed value are reported with their line and not loaded; the others
 * load in one transaction. Upsert on VIN: re-importing the same file changes nothing.
 */
public final class FleetImport {
  private static final Logger LOG = LoggerFactory.getLogger(FleetImport.class);
  public static final String DEFAULT_COMPANY = "EValue demo";

  private final DataSource dataSource;
  private final String companyName;

  public FleetImport(DataSource dataSource) {
    this(dataSource, DEFAULT_COMPANY);
  }

  /** Fleets named in the CSV (default "Default fleet") are found or created under {@code companyName}. */
  public FleetImport(DataSource dataSource, String companyName) {
    this.dataSource = dataSource;
    this.companyName = companyName;
  }

  public FleetImportReport importFile(Path csv) {
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      FleetImportReport report = importCsv(reader);
      LOG.info("event=fleet_import file={} {}", csv, report);
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read fleet CSV " + csv + ": " + e.getMessage(), e);
    }
  }

  public FleetImportReport importCsv(Reader csv) throws IOException {
    CsvTable table = CsvTable.read(csv);
    if (!table.hasColumn("vin") || !table.hasColumn("make")) {
      throw new IllegalArgumentException("Fleet CSV header must contain the columns vin and make, found: "
          + String.join(",", table.header()));
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        FleetImportReport report = load(c, table);
        c.commit();
        return report;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Fleet import failed: " + e.getMessage(), e);
    }
  }

  private FleetImportReport load(Connection c, CsvTable table) throws SQLException {
    Brands brands = Brands.load(c);
    Fleets fleets = new Fleets(c, companyName);
    Map<String, Integer> firstLine = new HashMap<>();
    List<Rejection> rejected = new ArrayList<>();
    int[] outcomes = new int[Vehicles.Outcome.values().length];
    int modelsCreated = 0;
    for (CsvTable.Row csvRow : table.rows()) {
      FleetRow row;
      try {
        row = FleetRow.from(csvRow, brands);
      } catch (IllegalArgumentException e) {
        rejected.add(new Rejection(csvRow.line(), e.getMessage()));
        continue;
      }
      Integer first = firstLine.putIfAbsent(row.vin(), row.line());
      if (first != null) {
        rejected.add(new Rejection(row.line(), "duplicate VIN " + row.vin() + " (first on line " + first + ")"));
        continue;
      }
      Savepoint savepoint = c.setSavepoint();
      try {
        FleetModels.Match model = row.model() == null ? null : FleetModels.findOrCreate(c, row);
        UUID makeId = row.brand() != null ? row.brand().makeId() : model == null ? null : model.makeId();
        Vehicles.Values given = new Vehicles.Values(row.fleet() == null ? null : fleets.fleet(row.fleet()),
            row.region() == null ? null : fleets.region(row.region()), model == null ? null : model.modelId(),
            makeId, row.startDate());
        Vehicles.Outcome outcome = Vehicles.upsert(c, row.vin(), given,
            () -> new Vehicles.Values(fleets.fleet(null), fleets.region(null), null, null, null));
        c.releaseSavepoint(savepoint);
        outcomes[outcome.ordinal()]++;
        modelsCreated += model != null && model.created() ? 1 : 0;
      } catch (SQLException e) {
        c.rollback(savepoint);
        fleets.forget(); // ids cached inside the rolled-back part are gone
        String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        rejected.add(new Rejection(row.line(), "database rejected the row: " + reason));
      }
    }
    rejected.forEach(r -> LOG.debug("event=fleet_row_rejected line={} reason=\"{}\"", r.line(), r.reason()));
    return new FleetImportReport(table.rows().size(), outcomes[Vehicles.Outcome.INSERTED.ordinal()],
        outcomes[Vehicles.Outcome.UPDATED.ordinal()], outcomes[Vehicles.Outcome.UNCHANGED.ordinal()],
        List.copyOf(rejected), modelsCreated);
  }
}
