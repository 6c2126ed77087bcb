package com.evalue.api.errors;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors raised by Jetty itself, outside Jersey (an unknown path outside {@code /v1}, a malformed request line or
 * header, a servlet failure), in the same {@code {"code","message"}} JSON as every other error (api.md §1.2).
 */
public class JsonErrorHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
  @Override
  protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
      String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
    return writeJson(response, callback, code);
  }

  /** The same, for the server itself (requests refused before any context). */
  public static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
        String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
      return writeJson(response, callback, code);
    }
  }

  static boolean writeJson(Response response, Callback callback, int code) {
    String reason = code >= 500 ? "Internal server error" : code == 404 ? "Not found" : HttpStatus.getMessage(code);
    byte[] body = ErrorBody.json(code, reason).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
