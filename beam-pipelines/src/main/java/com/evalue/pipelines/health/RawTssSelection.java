package com.evalue.pipelines.health;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.archive.ChangeLog;
import com.evalue.io.archive.CompressedDay;
import com.evalue.io.archive.DayKey;
import com.evalue.io.parquet.ParquetBytes;
import com.evalue.io.pipeline.ParseProgress;
import com.evalue.io.storage.Warehouse;
import com.evalue.transforms.model.Make;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which compressed days raw_tss parses (spec: storage.md §4.4): days named in unconsumed change logs whose digest
 * differs from the progress marker; with {@code rescan}, every compressed file instead of the change logs; with
 * {@code reparseFrom}, every day from that date on. Today's data date is never parsed (§9.3).
 */
public final class RawTssSelection {
  private static final Pattern COMPRESSED =
      Pattern.compile("^compressed/[a-z-]+/(\\d{4})/(\\d{2})/(\\d{2})/([A-HJ-NPR-Z0-9]{17})\\.parquet$");

  /** The days to parse and the change logs this run consumes. */
  public record Selection(List<DayToParse> days, List<String> changeLogs) {}

  private RawTssSelection() {}

  public static Selection select(Warehouse warehouse, Make make, ParseProgress progress, boolean rescan,
      Optional<LocalDate> reparseFrom, LocalDate today) {
    Map<String, DayToParse> candidates = new TreeMap<>();
    List<String> consumed = new ArrayList<>();
    if (rescan || reparseFrom.isPresent()) {
      for (String path : warehouse.list(ArchivePaths.compressedGlob(make))) {
        Matcher m = COMPRESSED.matcher(path);
        if (!m.matches()) {
          continue;
        }
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
        boolean forced = reparseFrom.map(from -> !date.isBefore(from)).orElse(false);
        if (!rescan && !forced) {
          continue;
        }
        String digest = ParquetBytes.metadata(warehouse.read(path)).get(CompressedDay.CONTENT_DIGEST_KEY);
        DayToParse d = new DayToParse(m.group(4), date, digest);
        if (forced || changed(progress, d)) {
          candidates.put(d.vin() + "|" + d.date(), d);
        }
      }
    }
    if (!rescan) {
      // Change logs in name order (= run order): a later log's digest for the same day wins.
      for (String log : warehouse.list("compressed/" + make.code() + "/_changes/*.parquet")) {
        if (progress.consumed(log)) {
          continue;
        }
        consumed.add(log);
        for (ChangeLog.Entry e : ChangeLog.fromParquet(warehouse.read(log))) {
          DayToParse d = new DayToParse(e.vin(), e.dataDate(), e.contentDigest());
          if (changed(progress, d)) {
            candidates.put(d.vin() + "|" + d.date(), d);
          }
        }
      }
    } else {
      consumed.addAll(warehouse.list("compressed/" + make.code() + "/_changes/*.parquet"));
    }
    List<DayToParse> days = new ArrayList<>();
    for (DayToParse d : candidates.values()) {
      if (d.date().isBefore(today)
          && warehouse.exists(ArchivePaths.compressedObject(new DayKey(make, d.vin(), d.date())))) {
        days.add(d);
      }
    }
    return new Selection(days, consumed);
  }

  private static boolean changed(ParseProgress progress, DayToParse d) {
    return progress.day(d.vin(), d.date()).map(p -> !p.contentDigest().equals(d.contentDigest())).orElse(true);
  }
}
