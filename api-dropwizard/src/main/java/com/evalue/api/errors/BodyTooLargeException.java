package com.evalue.api.errors;

import java.io.IOException;

/** Thrown while reading a request body that exceeds {@code http.max_body_bytes}; answered with 400. */
public class BodyTooLargeException extends IOException {
  public BodyTooLargeException(long limit) {
    super("Request body too large (limit " + limit + " bytes)");
  }
}
