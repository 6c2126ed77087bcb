package com.evalue.api.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expected error with its HTTP status and message (api.md §1.2): {@link ApiExceptionMapper} turns it into
 * {@code {"code","message", ...extra}}. Thrown by resources and services; never carries a stack trace to the client.
 */
public class ApiException extends RuntimeException {
  public static final String INVALID_CREDENTIALS = "Could not validate credentials";

  private final int status;
  private final Map<String, Object> extra;
  private final Map<String, String> headers;

  public ApiException(int status, String message) {
    this(status, message, Map.of(), Map.of());
  }

  public ApiException(int status, String message, Map<String, Object> extra, Map<String, String> headers) {
    super(message, null, false, false); // expected errors: no stack trace
    this.status = status;
    this.extra = Map.copyOf(extra);
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public Map<String, Object> extra() {
    return extra;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** 401 with {@code WWW-Authenticate: Bearer} (api.md §2.3). */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, message, Map.of(), Map.of("WWW-Authenticate", "Bearer"));
  }

  public static ApiException invalidCredentials() {
    return unauthorized(INVALID_CREDENTIALS);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  /** 422 with one {@code errors} entry. */
  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ApiException invalid(List<FieldError> errors) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("errors", errors);
    return new ApiException(422, "Validation error", extra, Map.of());
  }

  /** One entry of a 422's {@code errors}. */
  public record FieldError(String field, String message) {}
}
