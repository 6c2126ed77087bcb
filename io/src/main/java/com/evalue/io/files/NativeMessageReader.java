package com.evalue.io.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Splits a file of native payloads into messages, streaming (a file is never held whole): length-delimited
 * protobuf ({@code .pb}, {@code .bin}), one JSON document per line ({@code .ndjson}, {@code .jsonl}), or a JSON
 * document ({@code .json}: an array gives one message per element, an object is one message). A {@code .gz}
 * suffix is decompressed first. A break in the container that cannot be resynchronised (a truncated protobuf
 * record, a JSON array cut in the middle) is reported once with the unread rest and ends that file.
 */
public final class NativeMessageReader {
  /** Largest single message accepted (the BMW push limit, spec: sources.md §4.1.2). */
  public static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private NativeMessageReader() {}

  /** How a file's messages are laid out, from its name. */
  public enum Container {
    PROTOBUF_DELIMITED,
    JSON_LINES,
    JSON_DOCUMENT;

    public static Container of(String fileName) {
      String n = fileName.toLowerCase(Locale.ROOT);
      if (n.endsWith(".gz")) {
        n = n.substring(0, n.length() - 3);
      }
      if (n.endsWith(".pb") || n.endsWith(".bin") || n.endsWith(".protobuf")) {
        return PROTOBUF_DELIMITED;
      }
      if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) {
        return JSON_LINES;
      }
      if (n.endsWith(".json")) {
        return JSON_DOCUMENT;
      }
      throw new IllegalArgumentException("cannot tell the layout of '" + fileName
          + "': expected .pb/.bin (length-delimited protobuf), .ndjson/.jsonl or .json, optionally .gz");
    }
  }

  /** Receives the messages of a file in order; {@code index} counts messages from 0. */
  public interface Sink {
    void message(long index, byte[] bytes);

    void broken(long index, byte[] rest, String reason);
  }

  public static boolean isSupported(String fileName) {
    try {
      Container.of(fileName);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static void read(String fileName, InputStream raw, Sink sink) throws IOException {
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    if (fileName.toLowerCase(Locale.ROOT).endsWith(".gz")) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    switch (Container.of(fileName)) {
      case PROTOBUF_DELIMITED -> readDelimited(in, sink);
      case JSON_LINES -> readLines(in, sink);
      case JSON_DOCUMENT -> readDocument(in, sink);
      default -> throw new IllegalStateException();
    }
  }

  private static void readDelimited(InputStream in, Sink sink) throws IOException {
    long index = 0;
    while (true) {
      int first = in.read();
      if (first < 0) {
        return;
      }
      long length;
      try {
        length = readVarint(first, in);
      } catch (IOException e) {
        sink.broken(index, in.readAllBytes(), "truncated length prefix of protobuf record " + index);
        return;
      }
      if (length > MAX_MESSAGE_BYTES) {
        sink.broken(index, in.readAllBytes(), "protobuf record " + index + " declares " + length
            + " bytes, over the " + MAX_MESSAGE_BYTES + "-byte limit");
        return;
      }
      byte[] message = in.readNBytes((int) length);
      if (message.length < length) {
        sink.broken(index, message, "truncated protobuf record " + index + ": " + message.length + " of "
            + length + " bytes");
        return;
      }
      sink.message(index++, message);
    }
  }

  private static long readVarint(int first, InputStream in) throws IOException {
    long value = first & 0x7f;
    int b = first;
    int shift = 7;
    while ((b & 0x80) != 0) {
      if (shift > 63) {
        throw new IOException("varint too long");
      }
      b = in.read();
      if (b < 0) {
        throw new IOException("eof in varint");
      }
      value |= (long) (b & 0x7f) << shift;
      shift += 7;
    }
    return value;
  }

  private static void readLines(InputStream in, Sink sink) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    long index = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (!line.isBlank()) {
        sink.message(index++, line.strip().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void readDocument(InputStream in, Sink sink) throws IOException {
    long index = 0;
    JsonFactory factory = MAPPER.getFactory();
    try (JsonParser parser = factory.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return;
      }
      if (first == JsonToken.START_ARRAY) {
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          if (t == null) {
            sink.broken(index, new byte[0], "JSON array ends before its closing ]");
            return;
          }
          JsonNode element = MAPPER.readTree(parser);
          sink.message(index++, MAPPER.writeValueAsBytes(element));
        }
        return;
      }
      JsonNode whole = MAPPER.readTree(parser);
      sink.message(index, MAPPER.writeValueAsBytes(whole));
    } catch (JsonProcessingException e) {
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      in.transferTo(rest);
      sink.broken(index, rest.toByteArray(), "malformed JSON document at element " + index + ": "
          + e.getOriginalMessage());
    }
  }
}
