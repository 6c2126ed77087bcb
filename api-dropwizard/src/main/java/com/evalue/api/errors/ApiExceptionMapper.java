package com.evalue.api.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ExceptionMapper of the API (api.md §1.2): every error becomes {@code {"code","message"}} with its status.
 * Validation errors are 422 with {@code errors:[{field,message}]}; malformed or oversized JSON is 400; anything
 * unexpected is 500 "Internal server error", logged with its stack trace and never returned.
 */
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);

  @Override
  public Response toResponse(Throwable error) {
    if (error instanceof ApiException e) {
      return build(e.status(), e.getMessage(), e.extra(), e.headers());
    }
    if (error instanceof ConstraintViolationException e) {
      return build(422, "Validation error", Map.of("errors", violations(e)), Map.of());
    }
    JsonProcessingException json = cause(error, JsonProcessingException.class);
    if (json != null) {
      return json(json);
    }
    if (error instanceof WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      if (status >= 500) {
        LOG.error("event=unexpected_error status={}", status, error);
        return build(500, "Internal server error", Map.of(), Map.of());
      }
      Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ErrorBody.of(status, reason(status), Map.of()));
      String allow = original.getHeaderString("Allow");
      if (allow != null) {
        builder.header("Allow", allow);
      }
      return builder.build();
    }
    LOG.error("event=unexpected_error type={}", error.getClass().getName(), error);
    return build(500, "Internal server error", Map.of(), Map.of());
  }

  /**
   * Jersey's bean-validation feature registers its own mapper for {@code ValidationException}, which is closer to a
   * violation than {@code Throwable}; this binding sends violations back to {@link ApiExceptionMapper} (the 422 body).
   */
  public static final class Violations implements ExceptionMapper<ConstraintViolationException> {
    private final ApiExceptionMapper mapper;

    public Violations(ApiExceptionMapper mapper) {
      this.mapper = mapper;
    }

    @Override
    public Response toResponse(ConstraintViolationException error) {
      return mapper.toResponse(error);
    }
  }

  private static Response json(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !(e instanceof StreamReadException)
        && !(mapping.getCause() instanceof StreamReadException)) {
      // well-formed JSON of the wrong shape: a validation error on the offending field
      String field = fieldOf(mapping.getPath());
      String message = e.getOriginalMessage() == null ? "Invalid value" : e.getOriginalMessage().lines().findFirst()
          .orElse("Invalid value");
      return build(422, "Validation error",
          Map.of("errors", List.of(new ApiException.FieldError(field.isEmpty() ? "body" : field, message))), Map.of());
    }
    return build(400, "Malformed JSON body", Map.of(), Map.of());
  }

  private static String fieldOf(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static List<ApiException.FieldError> violations(ConstraintViolationException e) {
    List<ApiException.FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<?> v : e.getConstraintViolations()) {
      errors.add(new ApiException.FieldError(field(v.getPropertyPath()), v.getMessage()));
    }
    errors.sort(Comparator.comparing(ApiException.FieldError::field).thenComparing(ApiException.FieldError::message));
    return errors;
  }

  /** {@code activate.body.activationOrders[2].vehicle.vin} → {@code activation_orders[2].vehicle.vin}. */
  static String field(Path path) {
    StringBuilder sb = new StringBuilder();
    for (Path.Node node : path) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
        continue;
      }
      if (node.getIndex() != null && sb.length() > 0) {
        // the index belongs to the container, which is the previous node
        sb.append('[').append(node.getIndex()).append(']');
      }
      if (node.getName() != null && !node.getName().startsWith("<")) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(snake(node.getName()));
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append('_').append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> ApiException.INVALID_CREDENTIALS;
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 413 -> "Request body too large";
      case 415 -> "Unsupported media type";
      default -> {
        Response.Status s = Response.Status.fromStatusCode(status);
        yield s == null ? "Error" : s.getReasonPhrase();
      }
    };
  }

  private static Response build(int status, String message, Map<String, Object> extra, Map<String, String> headers) {
    Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of(status, message, extra));
    headers.forEach(builder::header);
    return builder.build();
  }

  private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
