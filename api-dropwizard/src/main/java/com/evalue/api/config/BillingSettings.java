package com.evalue.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** api.md §4.5 */
public class BillingSettings {
  /** Run the invoice run on the 1st of each month at 02:00 UTC for the previous month, inside the API process. */
  @JsonProperty("schedule_invoice_run") public boolean scheduleInvoiceRun = true;
}
