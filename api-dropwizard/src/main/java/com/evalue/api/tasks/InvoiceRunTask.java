package com.evalue.api.tasks;

import com.evalue.api.core.InvoiceRun;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** Admin task {@code POST /tasks/invoice-run?period=YYYY-MM}: the invoice run of api.md §4.5, on demand. */
public class InvoiceRunTask extends Task {
  private final InvoiceRun run;

  public InvoiceRunTask(InvoiceRun run) {
    super("invoice-run");
    this.run = run;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    List<String> period = parameters.get("period");
    if (period == null || period.isEmpty()) {
      output.println("period=YYYY-MM is required");
      return;
    }
    output.println(run.run(YearMonth.parse(period.get(0))));
  }
}
