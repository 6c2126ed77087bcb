package com.evalue.db.catalogue;

import com.evalue.db.csv.CsvTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the model catalogue: a JSON array of model rows, or a CSV whose header holds the same field names, from an
 * http(s) URL, a local file or a {@code classpath:} resource. spec: schema.md §6.1.
 */
final class CatalogueFeed {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private CatalogueFeed() {}

  static List<FeedRow> read(String source) {
    try {
      return parse(source, fetch(source));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model catalogue " + source + ": " + e.getMessage(), e);
    }
  }

  private static String fetch(String source) throws IOException {
    if (source.startsWith("classpath:")) {
      String resource = source.substring("classpath:".length()).replaceFirst("^/", "");
      try (InputStream in = CatalogueFeed.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no such resource");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    if (source.startsWith("http://") || source.startsWith("https://")) {
      return download(source);
    }
    return Files.readString(Path.of(source), StandardCharsets.UTF_8);
  }

  private static String download(String url) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** JSON when the content starts with '[', CSV otherwise. */
  static List<FeedRow> parse(String source, String content) throws IOException {
    String body = content.startsWith("\uFEFF") ? content.substring(1) : content;
    if (body.stripLeading().startsWith("[")) {
      return parseJson(body);
    }
    if (body.stripLeading().startsWith("{")) {
      throw new IOException("expected a JSON array of model rows, got an object");
    }
    List<FeedRow> rows = new ArrayList<>();
    for (CsvTable.Row row : CsvTable.read(new StringReader(body)).rows()) {
      rows.add(new FeedRow(row.values()));
    }
    return rows;
  }

  private static List<FeedRow> parseJson(String body) throws IOException {
    List<FeedRow> rows = new ArrayList<>();
    for (JsonNode element : new ObjectMapper().readTree(body)) {
      if (!element.isObject()) {
        throw new IOException("expected a JSON array of objects");
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode v = field.getValue();
        String text = v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
        values.put(field.getKey().trim().toLowerCase(Locale.ROOT), text);
      }
      rows.add(new FeedRow(values));
    }
    return rows;
  }
}
