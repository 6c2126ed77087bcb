package com.evalue.api.cli;

import com.evalue.api.ApiConfiguration;
import com.evalue.api.Infrastructure;
import com.evalue.api.auth.ApiKeys;
import com.evalue.api.db.ApiKeyDao;
import com.evalue.db.Database;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.Locale;
import java.util.UUID;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code evalue api-key create --email E [--name N] [config.yml]}: creates an API key for a user and prints it once;
 * only its SHA-256 is stored (api.md §2.4).
 */
public class ApiKeyCommand extends ConfiguredCommand<ApiConfiguration> {
  public ApiKeyCommand(Application<ApiConfiguration> application) {
    super("api-key", "Create an API key for a user (printed once)");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("action").choices("create");
    super.configure(subparser);
    subparser.addArgument("--email").required(true).help("the key's owner");
    subparser.addArgument("--name").setDefault("api").help("a label for the key");
  }

  @Override
  protected void run(Bootstrap<ApiConfiguration> bootstrap, Namespace namespace, ApiConfiguration config) {
    try (Database database = Infrastructure.openDatabase(config)) {
      Infrastructure.prepareSchema(config, database);
      Jdbi jdbi = Jdbi.create(database.dataSource());
      String email = namespace.getString("email").trim().toLowerCase(Locale.ROOT);
      UUID user = jdbi.withHandle(h -> h.createQuery("SELECT id FROM app_user WHERE email = :e").bind("e", email)
          .mapTo(UUID.class).findOne())
          .orElseThrow(() -> new IllegalArgumentException("no user with email " + email));
      String key = ApiKeys.generate();
      new ApiKeyDao(jdbi).create(user, namespace.getString("name"), ApiKeys.sha256Hex(key));
      System.out.println(key);
    }
  }
}
