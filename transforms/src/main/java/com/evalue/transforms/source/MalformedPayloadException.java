package com.evalue.transforms.source;

/**
 * A payload that cannot be read at all (bad JSON, truncated protobuf, wrong shape). The message is one line and is
 * the dead-letter reason; no stack trace is ever logged for it (spec: STYLE "errors are data").
 */
public final class MalformedPayloadException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedPayloadException(String oneLineReason) {
    super(oneLine(oneLineReason), null, false, false);
  }

  /** Collapses whitespace, line breaks included, so that reasons stay one line. */
  public static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }
}
