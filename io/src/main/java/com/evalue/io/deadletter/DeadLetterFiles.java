package com.evalue.io.deadletter;

import com.evalue.io.archive.ArchivePaths;
import com.evalue.io.storage.Warehouse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Reads and writes dead-letter objects: gzip NDJSON, one {@link DeadLetter} per line. */
public final class DeadLetterFiles {
  private DeadLetterFiles() {}

  public static byte[] encode(List<DeadLetter> letters) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
      for (DeadLetter d : letters) {
        w.write(d.toJsonLine());
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static List<DeadLetter> decode(byte[] object) {
    List<DeadLetter> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(new ByteArrayInputStream(object)), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(DeadLetter.fromJsonLine(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every dead letter of a stage and make code (all dates and runs), for reports and tests. */
  public static List<DeadLetter> readAll(Warehouse warehouse, String stage, String makeCode) {
    List<DeadLetter> out = new ArrayList<>();
    for (String path : warehouse.list("dlq/" + stage + "/" + makeCode + "/*/*.ndjson.gz")) {
      out.addAll(decode(warehouse.read(path)));
    }
    return out;
  }

  /**
   * Writes one object per date folder; the caller groups by (stage, make). A make that cannot be told is filed
   * under the code {@code unknown}. Returns the paths written.
   */
  public static List<String> write(Warehouse warehouse, String stage, String makeCode, String runId,
      List<DeadLetter> letters) {
    java.util.Map<java.time.LocalDate, List<DeadLetter>> byDate = new java.util.TreeMap<>();
    for (DeadLetter d : letters) {
      byDate.computeIfAbsent(d.date(), k -> new ArrayList<>()).add(d);
    }
    List<String> paths = new ArrayList<>();
    byDate.forEach((date, list) -> {
      String path = ArchivePaths.deadLetters(stage, makeCode, date, runId);
      warehouse.write(path, encode(list));
      paths.add(path);
    });
    return paths;
  }
}
