package com.evalue.api.db;

import com.evalue.api.api.Catalogue;
import com.evalue.api.core.OemCapabilities;
import com.evalue.api.core.Trendline;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Reads of {@code make}, {@code oem}, {@code vehicle_model}, {@code battery} and {@code trendline}. */
public class CatalogueDao {
  /** A brand with its OEM (make code). */
  public record Make(UUID id, String name, UUID oemId, String oemCode) {}

  /** What curve selection needs of a model: its group (model_name, battery) and OEM. */
  public record ModelKey(UUID id, String modelName, String type, String version, UUID batteryId, UUID oemId) {}

  /** One stored trendline row. */
  public record TrendlineRow(String scope, String source, String band, Trendline curve) {}

  /** A candidate of the model mapping of orders (activation.md §3.4). */
  public record Candidate(UUID id, String modelName, String type, java.time.LocalDate commissioningDate) {}

  private final Jdbi jdbi;

  public CatalogueDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<Make> supportedMakes() {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT m.id, m.make_name, o.id AS oem_id, o.code FROM make m JOIN oem o ON o.id = m.oem_id
            WHERE o.code = ANY(:codes) ORDER BY m.make_name""")
        .bindArray("codes", String.class, List.copyOf(OemCapabilities.SUPPORTED))
        .map((rs, ctx) -> new Make(Sql.uuid(rs, "id"), rs.getString("make_name"), Sql.uuid(rs, "oem_id"),
            rs.getString("code")))
        .list());
  }

  public Optional<Make> makeById(UUID id) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT m.id, m.make_name, o.id AS oem_id, o.code FROM make m JOIN oem o ON o.id = m.oem_id
            WHERE m.id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> new Make(Sql.uuid(rs, "id"), rs.getString("make_name"), Sql.uuid(rs, "oem_id"),
            rs.getString("code")))
        .findOne());
  }

  public Optional<Make> makeByName(String normalisedName) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT m.id, m.make_name, o.id AS oem_id, o.code FROM make m JOIN oem o ON o.id = m.oem_id
            WHERE m.make_name = :name""")
        .bind("name", normalisedName)
        .map((rs, ctx) -> new Make(Sql.uuid(rs, "id"), rs.getString("make_name"), Sql.uuid(rs, "oem_id"),
            rs.getString("code")))
        .findOne());
  }

  public List<Catalogue.ModelItem> modelsOfMake(UUID makeId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT vm.id, vm.model_name, vm.type, vm.version, b.capacity
            FROM vehicle_model vm LEFT JOIN battery b ON b.id = vm.battery_id
            WHERE vm.make_id = :make
            ORDER BY vm.model_name, vm.type NULLS FIRST, vm.version NULLS FIRST, vm.commissioning_date, vm.id""")
        .bind("make", makeId)
        .map((rs, ctx) -> new Catalogue.ModelItem(Sql.uuid(rs, "id"), rs.getString("model_name"),
            rs.getString("type"), rs.getString("version"), rs.getBigDecimal("capacity")))
        .list());
  }

  /** Models with a make and a battery, with their SoH availability, filtered (null filter = any). */
  public List<Catalogue.EligibleModel> eligibleModels(Boolean hasFlash, Boolean hasOem, Boolean hasEstimated) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT * FROM (
              SELECT vm.id, mk.make_name, vm.model_name, vm.type, vm.commissioning_date, vm.end_of_life_date,
                     vm.soh_oem_data, vm.soh_data,
                     (EXISTS (SELECT 1 FROM trendline t WHERE t.scope = 'model_group' AND t.band = 'mean'
                                AND t.model_name = vm.model_name AND t.battery_id = vm.battery_id)
                      OR EXISTS (SELECT 1 FROM trendline t WHERE t.scope = 'oem' AND t.band = 'mean'
                                AND t.oem_id = vm.oem_id)) AS has_flash
              FROM vehicle_model vm JOIN make mk ON mk.id = vm.make_id
              WHERE vm.battery_id IS NOT NULL) x
            WHERE (CAST(:flash AS boolean) IS NULL OR has_flash = CAST(:flash AS boolean))
              AND (CAST(:oem AS boolean) IS NULL OR soh_oem_data = CAST(:oem AS boolean))
              AND (CAST(:est AS boolean) IS NULL OR soh_data = CAST(:est AS boolean))
            ORDER BY make_name, model_name, type NULLS FIRST, commissioning_date NULLS FIRST, id""")
        .bindByType("flash", hasFlash, Boolean.class)
        .bindByType("oem", hasOem, Boolean.class)
        .bindByType("est", hasEstimated, Boolean.class)
        .map((rs, ctx) -> new Catalogue.EligibleModel(Sql.uuid(rs, "id"), rs.getString("make_name"),
            rs.getString("model_name"), rs.getString("type"), Sql.date(rs, "commissioning_date"),
            Sql.date(rs, "end_of_life_date"), rs.getBoolean("has_flash"), rs.getBoolean("soh_oem_data"),
            rs.getBoolean("soh_data")))
        .list());
  }

  public Optional<Catalogue.ModelData> modelData(UUID modelId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT vm.*, mk.make_name, o.oem_name, b.battery_chemistry, b.battery_oem, b.capacity, b.net_capacity
            FROM vehicle_model vm
            LEFT JOIN make mk ON mk.id = vm.make_id
            LEFT JOIN oem o ON o.id = vm.oem_id
            LEFT JOIN battery b ON b.id = vm.battery_id
            WHERE vm.id = :id""")
        .bind("id", modelId)
        .map((rs, ctx) -> new Catalogue.ModelData(Sql.uuid(rs, "id"),
            rs.getString("make_name") != null ? rs.getString("make_name") : rs.getString("oem_name"),
            rs.getString("model_name"), rs.getString("type"), rs.getString("version"),
            new Catalogue.VehicleSpec(Sql.date(rs, "commissioning_date"), Sql.date(rs, "end_of_life_date"),
                Sql.integer(rs, "autonomy"), Sql.integer(rs, "autonomy_city_winter"),
                Sql.integer(rs, "autonomy_city_summer"), Sql.integer(rs, "autonomy_highway_winter"),
                Sql.integer(rs, "autonomy_highway_summer"), Sql.integer(rs, "autonomy_combined_winter"),
                Sql.integer(rs, "autonomy_combined_summer"), Sql.integer(rs, "warranty_date"),
                Sql.integer(rs, "warranty_km"), Sql.integer(rs, "maximum_speed"),
                rs.getString("charge_plug_location"), rs.getString("charge_plug_type"),
                rs.getBigDecimal("expected_consumption"), rs.getBigDecimal("fast_charge_max_power"),
                Sql.integer(rs, "fast_charge_duration"), Sql.integer(rs, "standard_charge_duration"),
                Sql.integer(rs, "ac_charge_duration")),
            new Catalogue.BatterySpec(rs.getString("battery_chemistry"), rs.getString("battery_oem"),
                rs.getBigDecimal("capacity"), rs.getBigDecimal("net_capacity"))))
        .findOne());
  }

  public Optional<ModelKey> modelKey(UUID modelId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, model_name, type, version, battery_id, oem_id FROM vehicle_model WHERE id = :id")
        .bind("id", modelId)
        .map((rs, ctx) -> new ModelKey(Sql.uuid(rs, "id"), rs.getString("model_name"), rs.getString("type"),
            rs.getString("version"), Sql.uuid(rs, "battery_id"), Sql.uuid(rs, "oem_id")))
        .findOne());
  }

  /** The model group's curves (scope model_group) and its OEM's (scope oem). */
  public List<TrendlineRow> trendlines(ModelKey model) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT scope, source, band, a, b, "offset" FROM trendline
            WHERE (scope = 'model_group' AND model_name = :name AND battery_id IS NOT DISTINCT FROM CAST(:battery AS uuid))
               OR (scope = 'oem' AND oem_id = CAST(:oem AS uuid))""")
        .bind("name", model.modelName())
        .bindByType("battery", model.batteryId(), UUID.class)
        .bindByType("oem", model.oemId(), UUID.class)
        .map((rs, ctx) -> new TrendlineRow(rs.getString("scope"), rs.getString("source"), rs.getString("band"),
            new Trendline(rs.getDouble("a"), rs.getDouble("b"), rs.getDouble("offset"))))
        .list());
  }

  /** The models of an OEM, the candidates of the order model mapping (activation.md §3.4 step 1). */
  public List<Candidate> candidates(UUID oemId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, model_name, type, commissioning_date FROM vehicle_model WHERE oem_id = :oem")
        .bind("oem", oemId)
        .map((rs, ctx) -> new Candidate(Sql.uuid(rs, "id"), rs.getString("model_name"), rs.getString("type"),
            Sql.date(rs, "commissioning_date")))
        .list());
  }
}
