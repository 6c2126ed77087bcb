package com.evalue.api.http;

import com.evalue.api.core.CallLogWriter;
import com.evalue.api.core.PricingService;
import com.evalue.api.core.UsageMeter;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;
import java.util.Set;

/**
 * Puts a {@link MeteringFilter} on each resource method marked {@link Metered} whose label is configured as metered
 * ({@code metering.metered_endpoints}), after authentication: a 401 is neither metered nor logged (api.md §4.3.1).
 */
public class MeteringFeature implements DynamicFeature {
  private final Set<String> meteredLabels;
  private final PricingService pricing;
  private final UsageMeter meter;
  private final CallLogWriter callLog;
  private final boolean failOpen;
  private final Clock clock;

  public MeteringFeature(Set<String> meteredLabels, PricingService pricing, UsageMeter meter, CallLogWriter callLog,
      boolean failOpen, Clock clock) {
    this.meteredLabels = Set.copyOf(meteredLabels);
    this.pricing = pricing;
    this.meter = meter;
    this.callLog = callLog;
    this.failOpen = failOpen;
    this.clock = clock;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Metered metered = resource.getResourceMethod().getAnnotation(Metered.class);
    if (metered != null && meteredLabels.contains(metered.label())) {
      context.register(new MeteringFilter(metered.label(), metered.vinParam(), pricing, meter, callLog, failOpen,
          clock), Priorities.AUTHORIZATION);
    }
  }
}
