package com.evalue.api.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a metered endpoint (api.md §4.1). {@code label} is the {@code api_call_log.endpoint}; {@code vinParam} names
 * the path parameter holding the VIN, or is empty for an endpoint that counts no VIN.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Metered {
  String label();

  String vinParam() default "";
}
