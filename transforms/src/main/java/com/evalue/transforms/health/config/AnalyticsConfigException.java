package com.evalue.transforms.health.config;

/** The analytics section of the configuration file is invalid: an unknown key, a wrong type, a bad value. */
public final class AnalyticsConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public AnalyticsConfigException(String message) {
    super(message);
  }

  public AnalyticsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
