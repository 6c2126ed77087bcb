package com.evalue.io.archive;

import com.evalue.transforms.model.Make;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Object names of the warehouse, relative to its root (spec: storage.md §2, §3, §8). */
public final class ArchivePaths {
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern TEMP =
      Pattern.compile("^temp/([a-z-]+)/([A-HJ-NPR-Z0-9]{17})/(\\d{4}-\\d{2}-\\d{2})/[^/]+\\.ndjson\\.gz$");

  private ArchivePaths() {}

  /** {@code temp/{make}/{vin}/{YYYY-MM-DD}/{writer_id}_{first_received_epoch_ms}_{seq}.ndjson.gz} (§2). */
  public static String tempObject(Make make, String vin, LocalDate dataDate, String writerId, long firstReceivedMs,
      long seq) {
    return String.format("temp/%s/%s/%s/%s_%d_%06d.ndjson.gz", make.code(), vin, dataDate, writerId,
        firstReceivedMs, seq);
  }

  /** Glob of every temp object of a make. */
  public static String tempGlob(Make make) {
    return "temp/" + make.code() + "/*/*/*.ndjson.gz";
  }

  /** The (make, vin, data date) folder of a temp object, or empty for a name that does not follow §2. */
  public static Optional<DayKey> dayOfTempObject(String path) {
    Matcher m = TEMP.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Make.fromCode(m.group(1)).map(make -> new DayKey(make, m.group(2), LocalDate.parse(m.group(3))));
  }

  /** {@code compressed/{make}/YYYY/MM/DD/{vin}.parquet}, named by the data date (§3). */
  public static String compressedObject(DayKey day) {
    LocalDate d = day.date();
    return String.format("compressed/%s/%04d/%02d/%02d/%s.parquet", day.make().code(), d.getYear(),
        d.getMonthValue(), d.getDayOfMonth(), day.vin());
  }

  public static String compressedGlob(Make make) {
    return "compressed/" + make.code() + "/*/*/*/*.parquet";
  }

  /** {@code compressed/{make}/_changes/{run_started_at as YYYYMMDDTHHMMSSZ}.parquet} (§3.5). */
  public static String changeLog(Make make, Instant runStartedAt) {
    return "compressed/" + make.code() + "/_changes/" + runId(runStartedAt) + ".parquet";
  }

  /** {@code dlq/{stage}/{make}/{YYYY-MM-DD}/{run_id}.ndjson.gz} (§8). */
  public static String deadLetters(String stage, String makeCode, LocalDate date, String runId) {
    return "dlq/" + stage + "/" + makeCode + "/" + date + "/" + runId + ".ndjson.gz";
  }

  /** {@code runs/{stage}/{make}/{run_id}.json} (§8). */
  public static String runSummary(String stage, String make, String runId) {
    return "runs/" + stage + "/" + make + "/" + runId + ".json";
  }

  public static String runId(Instant runStartedAt) {
    return RUN_ID.format(runStartedAt);
  }
}
