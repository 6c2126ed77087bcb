package com.evalue.api;

import com.evalue.api.auth.AuthenticationFeature;
import com.evalue.api.auth.AuthenticationFilter;
import com.evalue.api.auth.Cookies;
import com.evalue.api.auth.PasswordHasher;
import com.evalue.api.auth.TokenService;
import com.evalue.api.auth.UserStateCache;
import com.evalue.api.cli.ApiKeyCommand;
import com.evalue.api.cli.BillingCommand;
import com.evalue.api.core.AccountService;
import com.evalue.api.core.ActivationOrders;
import com.evalue.api.core.AuthService;
import com.evalue.api.core.BillingService;
import com.evalue.api.core.CallLogWriter;
import com.evalue.api.core.DashboardService;
import com.evalue.api.core.DemoData;
import com.evalue.api.core.FleetAccess;
import com.evalue.api.core.InLifeService;
import com.evalue.api.core.InvoiceRun;
import com.evalue.api.core.InvoiceSchedule;
import com.evalue.api.core.LoginThrottle;
import com.evalue.api.core.ModelCatalogue;
import com.evalue.api.core.PricingService;
import com.evalue.api.core.RefreshTokens;
import com.evalue.api.core.UsageMeter;
import com.evalue.api.db.ActivationDao;
import com.evalue.api.db.ApiKeyDao;
import com.evalue.api.db.CallLogDao;
import com.evalue.api.db.CatalogueDao;
import com.evalue.api.db.DashboardDao;
import com.evalue.api.db.FleetDao;
import com.evalue.api.db.InvoiceDao;
import com.evalue.api.db.PricingDao;
import com.evalue.api.db.StateChanges;
import com.evalue.api.db.UserDao;
import com.evalue.api.db.VehicleDao;
import com.evalue.api.errors.ApiExceptionMapper;
import com.evalue.api.errors.JsonErrorHandler;
import com.evalue.api.health.HealthProbe;
import com.evalue.api.health.RedisHealthCheck;
import com.evalue.api.http.BodyLimitFilter;
import com.evalue.api.http.CorsFilter;
import com.evalue.api.http.MeteringFeature;
import com.evalue.api.http.PrometheusMetricsServlet;
import com.evalue.api.http.RequestContextFilter;
import com.evalue.api.resources.AccountResource;
import com.evalue.api.resources.AuthResource;
import com.evalue.api.resources.BillingResource;
import com.evalue.api.resources.DashboardResource;
import com.evalue.api.resources.DocsResource;
import com.evalue.api.resources.FlashResource;
import com.evalue.api.resources.HealthResource;
import com.evalue.api.resources.InLifeDataResource;
import com.evalue.api.resources.OpenApiResource;
import com.evalue.api.resources.StaticDataResource;
import com.evalue.api.resources.VehicleCommandResource;
import com.evalue.api.tasks.InvoiceRunTask;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;
import redis.clients.jedis.RedisClient;

/**
 * The customer-facing REST API {@code /v1} (api.md). {@link #run} wires everything by constructor injection, in the
 * order the request path meets it: infrastructure (PostgreSQL, Redis), data access, services, HTTP filters, resources.
 */
public class EValueApplication extends Application<ApiConfiguration> {
  private Services services;

  public static void main(String[] args) throws Exception {
    new EValueApplication().run(args);
  }

  @Override
  public String getName() {
    return "evalue-api";
  }

  @Override
  public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
    // ${VAR} and ${VAR:-default} in the configuration file are read from the environment (in Kubernetes: Secrets,
    // see infra/k8s/api); a variable that is unset and has no default stops the start naming it, rather than
    // leaving a literal "${...}" as a password or URL
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
    bootstrap.addCommand(new BillingCommand(this));
    bootstrap.addCommand(new ApiKeyCommand(this));
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /** The services of a running application (tests reach the call-log writer and the token service through this). */
  public Services services() {
    return services;
  }

  /** What {@link #run} built and what commands and tests may use. */
  public record Services(Infrastructure infrastructure, Jdbi jdbi, DataSource dataSource, TokenService tokens,
      PricingService pricing, CallLogWriter callLog, InvoiceRun invoiceRun, RedisClient redis,
      StateChanges stateChanges) {}

  @Override
  public void run(ApiConfiguration config, Environment environment) throws Exception {
    Clock clock = Clock.systemUTC();
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      // fixed by the spec and by our single exception mapper, whatever the configuration file says
      server.setJerseyRootPath(ApiConfiguration.ROOT_PATH + "/*");
      server.setRegisterDefaultExceptionMappers(false);
    }

    // infrastructure: PostgreSQL (migrated), Redis, JWT secret; embedded when not configured
    Infrastructure infra = Infrastructure.start(config, environment.lifecycle());
    ManagedDataSource dataSource = infra.dataSourceFactory().build(environment.metrics(), "database");
    Jdbi jdbi = new JdbiFactory().build(environment, infra.dataSourceFactory(), dataSource, "database");
    // plain SQL with :named parameters only: no template rendering (an ANTLR lexer pass per statement otherwise)
    jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
    RedisClient redis = infra.redis();

    // data access
    UserDao users = new UserDao(jdbi);
    ApiKeyDao apiKeys = new ApiKeyDao(jdbi);
    FleetDao fleets = new FleetDao(jdbi);
    VehicleDao vehicles = new VehicleDao(jdbi, dataSource);
    CatalogueDao catalogue = new CatalogueDao(jdbi);
    ActivationDao activations = new ActivationDao(jdbi);
    PricingDao pricingDao = new PricingDao(jdbi);
    CallLogDao callLogDao = new CallLogDao(dataSource);
    DashboardDao dashboardDao = new DashboardDao(jdbi);
    InvoiceDao invoiceDao = new InvoiceDao(jdbi);

    // services
    var auth = config.auth;
    TokenService tokens = new TokenService(infra.jwtSecret(), auth.jwtPreviousSecret, auth.issuer,
        auth.accessTokenTtl.toJavaDuration(), auth.refreshTokenTtl.toJavaDuration(), auth.clockSkew.toJavaDuration(),
        clock);
    PasswordHasher passwords = new PasswordHasher(auth.bcryptCost);
    LoginThrottle throttle = new LoginThrottle(redis, auth.loginMaxFailures, auth.loginFailureWindow.toJavaDuration(),
        clock);
    AuthService authService = new AuthService(users, apiKeys, fleets, tokens, passwords, throttle,
        new RefreshTokens(redis), clock);
    FleetAccess access = new FleetAccess(fleets);
    PricingService pricing = new PricingService(pricingDao, clock, config.metering.planCacheTtl.toJavaDuration());
    UserStateCache userStates = new UserStateCache(users, auth.userCacheTtl.toJavaDuration());
    // announced changes of users, keys and plans (by our commands, or by hand) drop both caches at once
    var db = infra.dataSourceFactory();
    StateChanges stateChanges = new StateChanges(StateChanges.connections(db.getUrl(), db.getUser(), db.getPassword()),
        List.of(userStates::invalidateAll, pricing::invalidateAll));
    environment.lifecycle().manage(stateChanges);
    UsageMeter meter = new UsageMeter(redis, () -> redis.getPool().clear());
    var log = config.metering.callLog;
    CallLogWriter callLog = new CallLogWriter(callLogDao, log.queueCapacity, log.batchSize,
        log.flushInterval.toJavaDuration(), log.insertRetries, log.retryBackoff.toJavaDuration(),
        Path.of(log.spillFile), environment.getObjectMapper(), environment.metrics());
    environment.lifecycle().manage(callLog); // after the data source: stopped (drained) before it closes
    InvoiceRun invoiceRun = new InvoiceRun(invoiceDao, pricing);
    if (config.billing.scheduleInvoiceRun) {
      environment.lifecycle().manage(new InvoiceSchedule(invoiceRun, clock));
    }
    HealthProbe probe = new HealthProbe(jdbi, redis, config.http.healthCacheTtl.toJavaDuration());

    // HTTP: request id and start time first, CORS, body limit, authentication (closed by default), metering
    environment.servlets().addFilter("request-context", new RequestContextFilter())
        .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
    environment.servlets().addFilter("cors", new CorsFilter(config.http.corsAllowedOrigins))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    environment.getApplicationContext().setErrorHandler(new JsonErrorHandler());
    environment.lifecycle().addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server) {
          // requests refused before they reach the application (bad URI, header too large): JSON too
          server.setErrorHandler(new JsonErrorHandler.ServerLevel());
        }
      }
    });
    var jersey = environment.jersey();
    ApiExceptionMapper errors = new ApiExceptionMapper();
    jersey.register(errors);
    jersey.register(new ApiExceptionMapper.Violations(errors));
    jersey.register(new BodyLimitFilter(config.http.maxBodyBytes));
    jersey.register(new AuthenticationFeature(new AuthenticationFilter(tokens, userStates)));
    jersey.register(new MeteringFeature(config.metering.meteredEndpoints, pricing, meter, callLog,
        config.metering.failOpen, clock));

    // resources
    ModelCatalogue models = new ModelCatalogue(catalogue);
    List<Object> resources = List.of(
        new AuthResource(authService, new Cookies(auth.cookieSecure, auth.cookieDomain), tokens,
            environment.getObjectMapper()),
        new AccountResource(new AccountService(fleets, vehicles, access, config.activation.consentInformation)),
        new VehicleCommandResource(models, new ActivationOrders(activations, catalogue, access,
            config.activation.instantReadoutOems, clock, environment.getValidator())),
        new InLifeDataResource(new InLifeService(vehicles)),
        new StaticDataResource(models),
        new FlashResource(models),
        new BillingResource(new BillingService(users, pricing, meter, callLogDao, clock)),
        new DashboardResource(new DashboardService(dashboardDao, access, clock)),
        new HealthResource(probe));
    resources.forEach(jersey::register);
    jersey.register(new OpenApiResource(resources));
    jersey.register(new DocsResource(ApiConfiguration.ROOT_PATH));

    // admin: health checks, metrics (built in), tasks
    environment.healthChecks().register("redis", new RedisHealthCheck(redis));
    environment.healthChecks().register("call-log", new HealthCheck() {
      @Override
      protected Result check() {
        return callLog.healthy() ? Result.healthy() : Result.unhealthy("call-log writer thread stopped");
      }
    });
    environment.admin().addTask(new InvoiceRunTask(invoiceRun));
    environment.admin().addServlet("prometheus",
        new PrometheusMetricsServlet(environment.metrics(), environment.healthChecks())).addMapping("/prometheus");

    if (config.demoEnabled()) {
      DemoData.Credentials demo = new DemoData(jdbi, passwords, clock).ensure();
      environment.lifecycle().addServerLifecycleListener(server ->
          StartupBanner.print(server, demo, tokens, System.out));
    }
    this.services = new Services(infra, jdbi, dataSource, tokens, pricing, callLog, invoiceRun, redis, stateChanges);
  }
}
