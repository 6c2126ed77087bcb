package com.evalue.api.cli;

import com.evalue.api.ApiConfiguration;
import com.evalue.api.Infrastructure;
import com.evalue.api.core.InvoiceRun;
import com.evalue.api.core.PricingService;
import com.evalue.api.db.InvoiceDao;
import com.evalue.api.db.PricingDao;
import com.evalue.api.db.StateChanges;
import com.evalue.db.Database;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code evalue billing invoice --period YYYY-MM [config.yml]} (also {@code invoice-run}): the invoice run of api.md
 * §4.5, idempotent. {@code evalue billing assign-plan --email E [--plan NAME] [--requests-limit N] [--vins-limit N]
 * [--price P]}: gives a user a plan, with custom overrides, from today (api.md §4.2); running API processes apply it
 * at once (announced on {@link StateChanges}, not after their 60 s plan cache).
 */
public class BillingCommand extends ConfiguredCommand<ApiConfiguration> {
  public BillingCommand(Application<ApiConfiguration> application) {
    super("billing", "Invoice run (invoice --period YYYY-MM) and plan assignment (assign-plan --email E)");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("action").choices("invoice", "invoice-run", "assign-plan")
        .help("invoice / invoice-run: invoice a month; assign-plan: give a user a pricing plan");
    super.configure(subparser);
    subparser.addArgument("--period").help("the month to invoice, YYYY-MM (UTC)");
    subparser.addArgument("--email").help("assign-plan: the user");
    subparser.addArgument("--plan").setDefault("Plan Standard").help("assign-plan: the plan's name");
    subparser.addArgument("--requests-limit").type(Integer.class).help("assign-plan: custom requests per day");
    subparser.addArgument("--vins-limit").type(Integer.class).help("assign-plan: custom distinct VINs per day");
    subparser.addArgument("--price").help("assign-plan: custom EUR price per request");
  }

  @Override
  protected void run(Bootstrap<ApiConfiguration> bootstrap, Namespace namespace, ApiConfiguration config) {
    try (Database database = Infrastructure.openDatabase(config)) {
      Infrastructure.prepareSchema(config, database);
      Jdbi jdbi = Jdbi.create(database.dataSource());
      String action = namespace.getString("action");
      if (action.equals("assign-plan")) {
        assignPlan(jdbi, namespace);
      } else {
        invoice(jdbi, namespace.getString("period"));
      }
    }
  }

  private static void invoice(Jdbi jdbi, String periodArg) {
    if (periodArg == null) {
      throw new IllegalArgumentException("--period YYYY-MM is required");
    }
    YearMonth period;
    try {
      period = YearMonth.parse(periodArg.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--period must be YYYY-MM, got " + periodArg);
    }
    PricingService pricing = new PricingService(new PricingDao(jdbi), Clock.systemUTC(), Duration.ZERO);
    InvoiceRun.Report report = new InvoiceRun(new InvoiceDao(jdbi), pricing).run(period);
    System.out.printf(Locale.ROOT, "invoice run %s: %d invoice(s), %d user(s) with late unbilled calls%n",
        period, report.invoices().size(), report.late().size());
    report.invoices().forEach(o -> System.out.printf(Locale.ROOT,
        "  %s user=%s requests=%d distinct_vins=%d price=%s total=%s EUR%n", o.invoiceNumber(), o.userId(),
        o.totalRequests(), o.distinctVins(), o.pricePerRequest().toPlainString(), o.totalAmount().toPlainString()));
    report.late().forEach(l -> System.out.printf(Locale.ROOT, "  late_unbilled user=%s calls=%d%n", l.userId(),
        l.lateUnbilled()));
  }

  private static void assignPlan(Jdbi jdbi, Namespace ns) {
    String email = ns.getString("email");
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("--email is required");
    }
    String plan = ns.getString("plan");
    BigDecimal price = ns.getString("price") == null ? null : new BigDecimal(ns.getString("price"));
    jdbi.useTransaction(h -> {
      UUID user = h.createQuery("SELECT id FROM app_user WHERE email = :e")
          .bind("e", email.trim().toLowerCase(Locale.ROOT)).mapTo(UUID.class).findOne()
          .orElseThrow(() -> new IllegalArgumentException("no user with email " + email));
      if (plan.equals("Plan Standard")) {
        new PricingDao(jdbi).standard(); // created if missing
      }
      UUID planId = h.createQuery("SELECT id FROM api_pricing_plan WHERE name = :n").bind("n", plan)
          .mapTo(UUID.class).findOne().orElseThrow(() -> new IllegalArgumentException("no plan named " + plan));
      h.createUpdate("""
              INSERT INTO api_user_pricing (user_id, pricing_plan_id, custom_requests_limit, custom_max_distinct_vins,
                                            custom_price_per_request, effective_date)
              VALUES (:u, :p, CAST(:r AS int), CAST(:v AS int), CAST(:price AS numeric), :d)""")
          .bind("u", user).bind("p", planId)
          .bindByType("r", ns.getInt("requests_limit"), Integer.class)
          .bindByType("v", ns.getInt("vins_limit"), Integer.class)
          .bindByType("price", price, BigDecimal.class)
          .bind("d", LocalDate.now(ZoneOffset.UTC))
          .execute();
      StateChanges.publish(h, user); // running API processes drop the cached plan when this commits
      System.out.printf(Locale.ROOT, "assigned plan '%s' to %s from today (requests_limit=%s vins_limit=%s price=%s)%n",
          plan, email, ns.getInt("requests_limit"), ns.getInt("vins_limit"), price);
    });
  }
}
