package com.evalue.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code evalue api [config.yml]}, {@code evalue billing …}, {@code evalue api-key …} and of
 * {@code java -jar api-dropwizard.jar}. {@code api} (or no argument at all) runs the server; other commands are
 * Dropwizard's.
 */
public final class EValueApi {
  private EValueApi() {}

  public static void main(String[] args) throws Exception {
    List<String> argv = new ArrayList<>(Arrays.asList(args));
    if (argv.isEmpty() || argv.get(0).equals("api")) {
      if (!argv.isEmpty()) {
        argv.remove(0);
      }
      argv.add(0, "server");
    }
    new EValueApplication().run(argv.toArray(String[]::new));
  }
}
