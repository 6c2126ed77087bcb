package com.evalue.api.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * First thing on every request: records its start (for the call log's timestamp and latency) and sets the
 * {@code X-Request-Id} response header, taken from the request when it is a sane token or generated (api.md §1.2).
 */
public class RequestContextFilter implements Filter {
  public static final String HEADER = "X-Request-Id";
  public static final String START_INSTANT = "evalue.request.startInstant";
  public static final String START_NANOS = "evalue.request.startNanos";
  public static final String REQUEST_ID = "evalue.request.id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    request.setAttribute(START_NANOS, System.nanoTime());
    request.setAttribute(START_INSTANT, Instant.now());
    String given = request.getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : newId();
    request.setAttribute(REQUEST_ID, id);
    response.setHeader(HEADER, id);
    MDC.put("requestId", id);
    try {
      chain.doFilter(req, res);
    } finally {
      MDC.remove("requestId");
    }
  }

  /**
   * A random (version 4 layout) UUID from {@link ThreadLocalRandom}: a request id must be unique, not unpredictable,
   * and {@link UUID#randomUUID()} draws on the shared SecureRandom, a noticeable cost on every request.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
