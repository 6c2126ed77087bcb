package com.evalue.io.pipeline;

import com.evalue.io.parquet.ParquetBytes;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Make;
import com.evalue.transforms.model.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The pipeline state of a make (spec: storage.md §6): dirty VINs with their reason, the fleet_info fingerprints
 * and the configuration fingerprint last seen.
 */
public final class PipelineState {
  /** Why a VIN must be recomputed (storage.md §6). */
  public enum Reason {
    NEW_DATA("new_data"),
    FLEET_INFO_CHANGED("fleet_info_changed"),
    TEMPERATURE_FIT_CHANGED("temperature_fit_changed"),
    CONFIG_CHANGED("config_changed"),
    MANUAL("manual");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    /** {@code temperature_fit_changed} reruns only processed_results; every other reason reruns from processed_tss. */
    public boolean onlyWeekly() {
      return this == TEMPERATURE_FIT_CHANGED;
    }

    static Reason of(String code) {
      for (Reason r : values()) {
        if (r.code.equals(code)) {
          return r;
        }
      }
      throw new IllegalArgumentException("unknown dirty reason " + code);
    }
  }

  /** A dirty VIN. When several reasons apply, the one needing the most work is kept. */
  public record Dirty(String vin, Reason reason, Instant since) {}

  static final Schema DIRTY = SchemaBuilder.record("DirtyVin").namespace("com.evalue.state").fields()
      .requiredString("vin").requiredString("reason")
      .name("since").type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
      .endRecord();
  static final Schema FINGERPRINT = SchemaBuilder.record("FleetInfoFingerprint").namespace("com.evalue.state")
      .fields().requiredString("vin").requiredString("sha256").endRecord();

  private PipelineState() {}

  public static String dirtyPath(Make make) {
    return "state/" + make.code() + "/dirty_vins.parquet";
  }

  public static String fleetFingerprintPath(Make make) {
    return "state/" + make.code() + "/fleet_info_fingerprint.parquet";
  }

  public static String configFingerprintPath(Make make) {
    return "state/" + make.code() + "/config_fingerprint.json";
  }

  public static Map<String, Dirty> readDirty(Warehouse w, Make make) {
    Map<String, Dirty> out = new TreeMap<>();
    w.readIfExists(dirtyPath(make)).ifPresent(bytes -> {
      for (GenericRecord r : ParquetBytes.read(bytes).records()) {
        Dirty d = new Dirty(r.get("vin").toString(), Reason.of(r.get("reason").toString()),
            Timestamps.fromEpochMicros((Long) r.get("since")));
        out.put(d.vin(), d);
      }
    });
    return out;
  }

  /** Adds VINs to a dirty set; a VIN already dirty keeps its earliest {@code since} and the broader reason. */
  public static Map<String, Dirty> mark(Map<String, Dirty> dirty, Collection<String> vins, Reason reason,
      Instant now) {
    Map<String, Dirty> out = new TreeMap<>(dirty);
    for (String vin : vins) {
      Dirty old = out.get(vin);
      if (old == null) {
        out.put(vin, new Dirty(vin, reason, now));
      } else if (old.reason().onlyWeekly() && !reason.onlyWeekly()) {
        out.put(vin, new Dirty(vin, reason, old.since()));
      }
    }
    return out;
  }

  public static void writeDirty(Warehouse w, Make make, Map<String, Dirty> dirty) {
    List<GenericRecord> rows = new ArrayList<>();
    for (Dirty d : dirty.values()) {
      GenericRecord r = new GenericData.Record(DIRTY);
      r.put("vin", d.vin());
      r.put("reason", d.reason().code());
      r.put("since", Timestamps.toEpochMicros(d.since()));
      rows.add(r);
    }
    w.write(dirtyPath(make), ParquetBytes.write(DIRTY, rows, Map.of(ParquetBytes.SCHEMA_VERSION_KEY, "1")));
  }

  public static Map<String, String> readFleetFingerprints(Warehouse w, Make make) {
    Map<String, String> out = new TreeMap<>();
    w.readIfExists(fleetFingerprintPath(make)).ifPresent(bytes -> {
      for (GenericRecord r : ParquetBytes.read(bytes).records()) {
        out.put(r.get("vin").toString(), r.get("sha256").toString());
      }
    });
    return out;
  }

  public static void writeFleetFingerprints(Warehouse w, Make make, Map<String, String> fingerprints) {
    List<GenericRecord> rows = new ArrayList<>();
    new TreeMap<>(fingerprints).forEach((vin, sha) -> {
      GenericRecord r = new GenericData.Record(FINGERPRINT);
      r.put("vin", vin);
      r.put("sha256", sha);
      rows.add(r);
    });
    w.write(fleetFingerprintPath(make), ParquetBytes.write(FINGERPRINT, rows,
        Map.of(ParquetBytes.SCHEMA_VERSION_KEY, "1")));
  }

  public static Optional<String> readConfigFingerprint(Warehouse w, Make make) {
    return w.readIfExists(configFingerprintPath(make))
        .map(b -> new String(b, StandardCharsets.UTF_8).replaceAll("(?s).*\"sha256\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1"));
  }

  public static void writeConfigFingerprint(Warehouse w, Make make, String sha256) {
    w.write(configFingerprintPath(make), ("{\"sha256\":\"" + sha256 + "\"}\n").getBytes(StandardCharsets.UTF_8));
  }
}
