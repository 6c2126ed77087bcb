package com.evalue.api.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The error body of api.md §1.2: {@code {"code": <status>, "message": "<text>"}} plus named members. */
public final class ErrorBody {
  private ErrorBody() {}

  public static Map<String, Object> of(int status, String message, Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    body.put("message", message);
    body.putAll(extra);
    return body;
  }

  public static Response response(int status, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(of(status, message, Map.of())).build();
  }

  /** A minimal JSON rendering for places without Jackson at hand (Jetty's error handler). */
  public static String json(int status, String message) {
    StringBuilder sb = new StringBuilder("{\"code\":").append(status).append(",\"message\":\"");
    for (char c : message.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append("\"}").toString();
  }
}
