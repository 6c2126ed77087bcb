package com.evalue.api.db;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The writes of the order endpoints: the desired activation state of vehicles and its history (activation.md §1–4).
 * Everything happens inside {@link #transaction}, with the vehicle rows locked.
 */
public class ActivationDao {
  /** The activation columns of a vehicle. */
  public record State(UUID id, String vin, UUID fleetId, boolean activated, boolean requested,
      boolean requestedEstimated, boolean requestedOem, String message) {}

  /** The desired state an order writes. Null dates clear the window; null model/comment keep the stored ones. */
  public record Desired(boolean requested, boolean requestedEstimated, boolean requestedOem, LocalDate start,
      LocalDate end, String message, UUID modelId, UUID makeId, String comment, boolean resetProcessed) {}

  private final Jdbi jdbi;

  public ActivationDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public <T> T transaction(Function<Tx, T> work) {
    return jdbi.inTransaction(h -> work.apply(new Tx(h)));
  }

  /** Operations within one transaction. */
  public static final class Tx {
    private static final String STATE = "SELECT id, vin, fleet_id, activation_status, activation_requested_status,"
        + " requested_soh_estimated, requested_soh_oem, activation_status_message FROM vehicle";
    private final Handle h;

    Tx(Handle h) {
      this.h = h;
    }

    public Optional<State> lock(String vin) {
      return h.createQuery(STATE + " WHERE vin = :vin FOR UPDATE").bind("vin", vin).map((rs, ctx) -> state(rs))
          .findOne();
    }

    /** Locks the vehicles in VIN order (one order for every transaction: no deadlocks). */
    public List<State> lockAll(List<String> vins) {
      return h.createQuery(STATE + " WHERE vin = ANY(:vins) ORDER BY vin FOR UPDATE").bindArray("vins", String.class, vins)
          .map((rs, ctx) -> state(rs)).list();
    }

    /** Inserts a new vehicle (activation.md §3.3 rule 8); empty when the VIN was inserted concurrently. */
    public Optional<UUID> insert(String vin, UUID fleetId, Desired d) {
      return h.createQuery("""
              INSERT INTO vehicle (fleet_id, region_id, vehicle_model_id, make_id, vin, activation_status,
                                   activation_requested_status, requested_soh_estimated, requested_soh_oem,
                                   activation_start_date, activation_end_date, activation_status_message,
                                   activation_comment)
              VALUES (:fleet, (SELECT id FROM region WHERE region_name = 'Unknown'), CAST(:model AS uuid),
                      CAST(:make AS uuid), :vin, false, :requested, :est, :oem, CAST(:start AS date),
                      CAST(:end AS date), :message, CAST(:comment AS varchar))
              ON CONFLICT (vin) DO NOTHING
              RETURNING id""")
          .bind("fleet", fleetId).bindByType("model", d.modelId(), UUID.class)
          .bindByType("make", d.makeId(), UUID.class).bind("vin", vin)
          .bind("requested", d.requested()).bind("est", d.requestedEstimated()).bind("oem", d.requestedOem())
          .bindByType("start", d.start(), LocalDate.class).bindByType("end", d.end(), LocalDate.class)
          .bind("message", d.message()).bindByType("comment", d.comment(), String.class)
          .mapTo(UUID.class).findOne();
    }

    public void update(UUID vehicleId, Desired d) {
      h.createUpdate("""
              UPDATE vehicle SET activation_requested_status = :requested, requested_soh_estimated = :est,
                     requested_soh_oem = :oem, activation_start_date = CAST(:start AS date),
                     activation_end_date = CAST(:end AS date),
                     activation_status_message = :message,
                     vehicle_model_id = COALESCE(CAST(:model AS uuid), vehicle_model_id),
                     make_id = COALESCE(CAST(:make AS uuid), make_id),
                     activation_comment = COALESCE(CAST(:comment AS varchar), activation_comment),
                     is_processed = CASE WHEN :reset THEN false ELSE is_processed END
              WHERE id = :id""")
          .bind("id", vehicleId)
          .bind("requested", d.requested()).bind("est", d.requestedEstimated()).bind("oem", d.requestedOem())
          .bindByType("start", d.start(), LocalDate.class).bindByType("end", d.end(), LocalDate.class)
          .bind("message", d.message()).bindByType("model", d.modelId(), UUID.class)
          .bindByType("make", d.makeId(), UUID.class).bindByType("comment", d.comment(), String.class)
          .bind("reset", d.resetProcessed())
          .execute();
    }

    /** Deactivation (activation.md §4): the flags and message, the window cleared when asked. */
    public void deactivate(UUID vehicleId, boolean clearRequest, boolean clearWindow, String message) {
      h.createUpdate("""
              UPDATE vehicle SET activation_status_message = :message,
                     activation_requested_status = CASE WHEN :clear THEN false ELSE activation_requested_status END,
                     requested_soh_estimated = CASE WHEN :clear THEN false ELSE requested_soh_estimated END,
                     requested_soh_oem = CASE WHEN :clear THEN false ELSE requested_soh_oem END,
                     activation_start_date = CASE WHEN :window THEN NULL ELSE activation_start_date END,
                     activation_end_date = CASE WHEN :window THEN NULL ELSE activation_end_date END
              WHERE id = :id""")
          .bind("id", vehicleId).bind("message", message).bind("clear", clearRequest).bind("window", clearWindow)
          .execute();
    }

    /** One {@code vehicle_activation_history} row with the new values (activation.md §1). */
    public void history(UUID vehicleId, boolean requested, boolean activated, String message) {
      h.createUpdate("""
              INSERT INTO vehicle_activation_history (vehicle_id, activation_requested_status, activation_status,
                                                      activation_status_message)
              VALUES (:id, :requested, :activated, :message)""")
          .bind("id", vehicleId).bind("requested", requested).bind("activated", activated).bind("message", message)
          .execute();
    }

    private static State state(java.sql.ResultSet rs) throws java.sql.SQLException {
      return new State(Sql.uuid(rs, "id"), rs.getString("vin"), Sql.uuid(rs, "fleet_id"),
          rs.getBoolean("activation_status"), rs.getBoolean("activation_requested_status"),
          rs.getBoolean("requested_soh_estimated"), rs.getBoolean("requested_soh_oem"),
          rs.getString("activation_status_message"));
    }
  }
}
