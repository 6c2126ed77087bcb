package com.evalue.api.http;

import com.evalue.api.auth.AuthenticatedUser;
import com.evalue.api.core.Admission;
import com.evalue.api.core.CallLogEntry;
import com.evalue.api.core.CallLogWriter;
import com.evalue.api.core.MeteringUnavailableException;
import com.evalue.api.core.PricingPlan;
import com.evalue.api.core.PricingService;
import com.evalue.api.core.UsageMeter;
import com.evalue.api.core.UtcDay;
import com.evalue.api.errors.ErrorBody;
import com.evalue.db.fleet.Vin;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metering of one endpoint (api.md §4.3–4.4). Request side, after authentication: resolve the plan, run the admission
 * script, answer 429 (limit) or 503 (Redis unreachable, unless fail-open). Response side, once the real status is
 * known: the rate-limit headers and one call-log row, whatever the outcome (handler errors, 429 and 503 included).
 */
public class MeteringFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final String CONTEXT = "evalue.metering";
  private static final Logger LOG = LoggerFactory.getLogger(MeteringFilter.class);
  static final String REQUESTS_EXCEEDED =
      "Daily request limit exceeded. Please upgrade your plan or try again tomorrow.";
  static final String UNAVAILABLE = "Usage metering unavailable, please retry later";

  /** What the response side needs. */
  private record Metering(AuthenticatedUser user, String vin, Instant start, long startNanos, PricingPlan plan,
      Admission admission, boolean degraded) {}

  private final String label;
  private final String vinParam;
  private final PricingService pricing;
  private final UsageMeter meter;
  private final CallLogWriter callLog;
  private final boolean failOpen;
  private final Clock clock;

  MeteringFilter(String label, String vinParam, PricingService pricing, UsageMeter meter, CallLogWriter callLog,
      boolean failOpen, Clock clock) {
    this.label = label;
    this.vinParam = vinParam;
    this.pricing = pricing;
    this.meter = meter;
    this.callLog = callLog;
    this.failOpen = failOpen;
    this.clock = clock;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    AuthenticatedUser user = (AuthenticatedUser) request.getSecurityContext().getUserPrincipal();
    Instant start = request.getProperty(RequestContextFilter.START_INSTANT) instanceof Instant i ? i : clock.instant();
    long startNanos = request.getProperty(RequestContextFilter.START_NANOS) instanceof Long n ? n : System.nanoTime();
    String vin = vinParam.isEmpty() ? null
        : Vin.normalise(request.getUriInfo().getPathParameters().getFirst(vinParam)).orElse(null);
    PricingPlan plan = pricing.current(user.id());
    Instant now = clock.instant();
    try {
      Admission admission = meter.admit(user.id(), plan, vin, now);
      request.setProperty(CONTEXT, new Metering(user, vin, start, startNanos, plan, admission, false));
      if (!admission.admitted()) {
        String message = admission.refusal() == Admission.Refusal.VINS
            ? "Distinct VINs limit exceeded (" + plan.maxDistinctVins()
                + "). Please upgrade your plan or try again tomorrow."
            : REQUESTS_EXCEEDED;
        request.abortWith(Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
            .header("Retry-After", admission.retryAfterSeconds())
            .entity(ErrorBody.of(429, message, Map.of())).build());
      }
    } catch (MeteringUnavailableException e) {
      request.setProperty(CONTEXT, new Metering(user, vin, start, startNanos, plan, null, true));
      if (failOpen) {
        LOG.warn("event=metering_degraded endpoint={} user={} reason=\"{}\"", label, user.id(), e.getMessage());
        return;
      }
      LOG.warn("event=metering_unavailable endpoint={} user={} reason=\"{}\"", label, user.id(), e.getMessage());
      request.abortWith(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
          .header("Retry-After", 30)
          .entity(ErrorBody.of(503, UNAVAILABLE, Map.of())).build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(CONTEXT) instanceof Metering m)) {
      return; // not admitted to metering (e.g. the plan could not be resolved): nothing was counted
    }
    request.removeProperty(CONTEXT);
    MultivaluedMap<String, Object> headers = response.getHeaders();
    Instant now = clock.instant();
    UtcDay day = UtcDay.of(now);
    if (m.plan().requestsLimit() != null) {
      headers.putSingle("X-RateLimit-Limit", m.plan().requestsLimit());
      if (m.admission() != null) {
        headers.putSingle("X-RateLimit-Remaining", Math.max(0, m.plan().requestsLimit() - m.admission().requests()));
      }
    }
    headers.putSingle("X-RateLimit-Reset", day.nextMidnight().getEpochSecond());
    int status = response.getStatus();
    int latencyMs = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - m.startNanos()) / 1_000_000);
    boolean admittedWithoutRedis = m.degraded() && failOpen;
    callLog.record(CallLogEntry.of(m.user().id(), m.user().apiUserId(), m.vin(), label, m.start(), latencyMs, status,
        admittedWithoutRedis));
  }
}
