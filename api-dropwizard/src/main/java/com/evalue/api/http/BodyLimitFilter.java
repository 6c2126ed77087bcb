package com.evalue.api.http;

import com.evalue.api.errors.ErrorBody;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Request bodies, before any resource sees them: above {@code http.max_body_bytes} → 400 (at once when Content-Length
 * says so, else while reading a chunked body); a JSON body that is not well-formed JSON → 400, even when its first
 * token alone would already fail binding (e.g. a truncated array), so that shape errors (422) are only ever reported
 * for well-formed JSON.
 */
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class BodyLimitFilter implements ContainerRequestFilter {
  private static final JsonFactory JSON = new JsonFactory();

  private final long limit;

  public BodyLimitFilter(long limit) {
    this.limit = limit;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getLength() > limit) {
      request.abortWith(ErrorBody.response(400, tooLarge()));
      return;
    }
    if (!request.hasEntity()) {
      return;
    }
    byte[] body;
    try {
      body = readBounded(request.getEntityStream());
    } catch (UncheckedIOException e) {
      request.abortWith(ErrorBody.response(400, "Unreadable request body"));
      return;
    }
    if (body == null) {
      request.abortWith(ErrorBody.response(400, tooLarge()));
      return;
    }
    MediaType type = request.getMediaType();
    if (body.length > 0 && type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !wellFormed(body)) {
      request.abortWith(ErrorBody.response(400, "Malformed JSON body"));
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private String tooLarge() {
    return "Request body too large (limit " + limit + " bytes)";
  }

  /** The whole body, or null when it exceeds the limit. */
  private byte[] readBounded(InputStream in) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > limit) {
          return null;
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams through every token (Jackson's default limits apply: nesting depth, number and string lengths). */
  private static boolean wellFormed(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      while (parser.nextToken() != null) {
        parser.skipChildren();
      }
      return true;
    } catch (JsonProcessingException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
