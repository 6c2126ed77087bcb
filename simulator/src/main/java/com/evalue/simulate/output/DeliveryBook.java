package com.evalue.simulate.output;

import com.evalue.simulate.emit.PayloadKind;
import com.evalue.simulate.tesla.ProtoWriter;
import com.evalue.transforms.model.Make;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Holds encoded records until their delivery day is complete, then writes one file per (make, payload kind,
 * delivery day) under {@code payloads/{make}/}. Records in a file are ordered by (received time, vehicle, sequence),
 * so the output never depends on hash order. Deliveries after the last simulated day go to the last day's file.
 */
public final class DeliveryBook {
  private static final Comparator<Delivery> ORDER =
      Comparator.comparing(Delivery::receivedAt).thenComparingInt(Delivery::vehicleIndex)
          .thenComparingLong(Delivery::seq);
  private static final long PUSH_BODY_WINDOW_SECONDS = 300;
  private static final int PUSH_BODY_MAX_ELEMENTS = 6;
  private static final byte[] PUSH_HEAD = "{\"vehiclePushKeyValues\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PUSH_TAIL = "]}".getBytes(StandardCharsets.UTF_8);

  /**
   * @param wholeLine the content is already a complete line of the file (a malformed BMW push body), not an
   *     element to be grouped
   */
  record Delivery(Make make, PayloadKind kind, Instant receivedAt, int vehicleIndex, long seq, byte[] content,
      boolean wholeLine) {}

  private final Path payloadsDir;
  private final LocalDate lastDay;
  private final SortedMap<LocalDate, List<Delivery>> pending = new TreeMap<>();
  private final SortedMap<String, SortedMap<String, Long>> records = new TreeMap<>();
  private long seq;
  private long filesWritten;
  private long bytesWritten;

  public DeliveryBook(Path payloadsDir, LocalDate lastDay) {
    this.payloadsDir = payloadsDir;
    this.lastDay = lastDay;
  }

  public LocalDate deliveryDay(Instant receivedAt) {
    LocalDate d = LocalDate.ofInstant(receivedAt, ZoneOffset.UTC);
    return d.isAfter(lastDay) ? lastDay : d;
  }

  public LocalDate lastDay() {
    return lastDay;
  }

  public void add(Make make, PayloadKind kind, Instant receivedAt, int vehicleIndex, byte[] content,
      boolean wholeLine) {
    pending.computeIfAbsent(deliveryDay(receivedAt), d -> new ArrayList<>())
        .add(new Delivery(make, kind, receivedAt, vehicleIndex, seq++, content, wholeLine));
  }

  /** Writes every file of delivery day {@code day} (and of any earlier day still pending). */
  public void flushThrough(LocalDate day) throws IOException {
    while (!pending.isEmpty() && !pending.firstKey().isAfter(day)) {
      LocalDate d = pending.firstKey();
      write(d, pending.remove(d));
    }
  }

  public SortedMap<String, SortedMap<String, Long>> recordsByMakeAndFormat() {
    return records;
  }

  public long filesWritten() {
    return filesWritten;
  }

  public long bytesWritten() {
    return bytesWritten;
  }

  private void write(LocalDate day, List<Delivery> deliveries) throws IOException {
    Map<Make, Map<PayloadKind, List<Delivery>>> files = new EnumMap<>(Make.class);
    for (Delivery d : deliveries) {
      files.computeIfAbsent(d.make(), m -> new EnumMap<>(PayloadKind.class))
          .computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
    }
    for (Map.Entry<Make, Map<PayloadKind, List<Delivery>>> byMake : files.entrySet()) {
      Path dir = payloadsDir.resolve(byMake.getKey().code());
      Files.createDirectories(dir);
      for (Map.Entry<PayloadKind, List<Delivery>> byKind : byMake.getValue().entrySet()) {
        List<Delivery> list = byKind.getValue();
        list.sort(ORDER);
        byte[] bytes = render(byKind.getKey().layout(), list);
        Files.write(dir.resolve(byKind.getKey().fileName(day)), bytes);
        filesWritten++;
        bytesWritten += bytes.length;
        records.computeIfAbsent(byMake.getKey().code(), k -> new TreeMap<>())
            .merge(byKind.getKey().format().code(), (long) list.size(), Long::sum);
      }
    }
  }

  static byte[] render(PayloadKind.Layout layout, List<Delivery> list) {
    switch (layout) {
      case LENGTH_DELIMITED: {
        ProtoWriter w = new ProtoWriter();
        list.forEach(d -> w.delimited(d.content()));
        return w.toByteArray();
      }
      case LINES: {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Delivery d : list) {
          out.writeBytes(d.content());
          out.write('\n');
        }
        return out.toByteArray();
      }
      case JSON_ARRAY: {
        // spec: sources.md §5.2 — "[", one element per line, "," on its own line, "]"
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("[\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.writeBytes("\n,\n".getBytes(StandardCharsets.UTF_8));
          }
          out.writeBytes(list.get(i).content());
        }
        out.writeBytes("\n]\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
      }
      case PUSH_BODIES:
        return pushBodies(list);
      default:
        throw new IllegalStateException("unknown layout " + layout);
    }
  }

  /** Groups push elements of several vehicles received in the same 5-minute window into one body per line. */
  private static byte[] pushBodies(List<Delivery> list) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int inBody = 0;
    long window = Long.MIN_VALUE;
    for (Delivery d : list) {
      long w = d.receivedAt().getEpochSecond() / PUSH_BODY_WINDOW_SECONDS;
      if (inBody > 0 && (d.wholeLine() || w != window || inBody == PUSH_BODY_MAX_ELEMENTS)) {
        out.writeBytes(PUSH_TAIL);
        out.write('\n');
        inBody = 0;
      }
      if (d.wholeLine()) {
        out.writeBytes(d.content());
        out.write('\n');
        continue;
      }
      out.writeBytes(inBody == 0 ? PUSH_HEAD : new byte[] {','});
      out.writeBytes(d.content());
      inBody++;
      window = w;
    }
    if (inBody > 0) {
      out.writeBytes(PUSH_TAIL);
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** The body of a single push element, for malformed-body defects. */
  static byte[] pushBody(byte[] element) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PUSH_HEAD);
    out.writeBytes(element);
    out.writeBytes(PUSH_TAIL);
    return out.toByteArray();
  }
}
