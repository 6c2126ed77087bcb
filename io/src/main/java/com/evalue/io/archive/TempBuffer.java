package com.evalue.io.archive;

import com.evalue.transforms.model.Envelope;
import com.evalue.transforms.model.EnvelopeJson;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The raw buffer format: gzip NDJSON, one envelope per line (spec: storage.md §2.3). */
public final class TempBuffer {
  private TempBuffer() {}

  /** One line of a temp object that is not a valid envelope. */
  public record MalformedLine(int lineNumber, String line, String reason) {}

  public static byte[] encode(List<Envelope> envelopes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
      for (Envelope e : envelopes) {
        w.write(EnvelopeJson.toLine(e));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a temp object. Valid envelopes go to {@code accepted}, bad lines to {@code malformed}; a file that is
   * not gzip at all (or is truncated) yields the lines read so far plus one malformed entry with the cause.
   */
  public static void decode(byte[] object, Consumer<Envelope> accepted, Consumer<MalformedLine> malformed) {
    int lineNumber = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(new ByteArrayInputStream(object)), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          accepted.accept(EnvelopeJson.fromLine(line));
        } catch (IllegalArgumentException e) {
          malformed.accept(new MalformedLine(lineNumber, line, e.getMessage()));
        }
      }
    } catch (IOException e) {
      malformed.accept(new MalformedLine(lineNumber + 1, "", "unreadable temp object: " + e.getMessage()));
    }
  }

  public static List<Envelope> decodeAll(byte[] object) {
    List<Envelope> out = new ArrayList<>();
    decode(object, out::add, m -> {
      throw new IllegalArgumentException("line " + m.lineNumber() + ": " + m.reason());
    });
    return out;
  }

  /**
   * A stable instance id: host name plus process start time (storage.md §2.2), plus a suffix for several writers
   * in one process. Only characters safe in object names are kept.
   */
  public static String writerId(String instanceSuffix) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    long start = ManagementFactory.getRuntimeMXBean().getStartTime();
    String id = host + "-" + start + (instanceSuffix.isEmpty() ? "" : "-" + instanceSuffix);
    return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }
}
