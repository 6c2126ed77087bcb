package com.evalue.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** activation.md §3.2 and api.md §5.2: date formats and the /order-soh-report window. */
class OrderDatesTest {
  @ParameterizedTest
  @CsvSource({
      "2025-06-05, 2025-06-05",
      "2025-06-05T10:00:00Z, 2025-06-05",
      "05/06/2025, 2025-06-05", // dd/mm/yyyy wins over mm/dd/yyyy
      "05/06/25, 2025-06-05",
      "12/31/2025, 2025-12-31", // not a valid dd/mm: mm/dd/yyyy
      "12/31/25, 2025-12-31",
      "1/2/2025, 2025-02-01"})
  void parses(String raw, String expected) {
    assertEquals(Optional.of(LocalDate.parse(expected)), OrderDates.parse(raw));
  }

  @ParameterizedTest
  @CsvSource({"31/31/2025", "2025-02-30", "yesterday", "2025/06/05", "' OR 1=1"})
  void refuses(String raw) {
    assertEquals(Optional.empty(), OrderDates.parse(raw));
  }

  @ParameterizedTest
  @CsvSource({
      "2025-06-14, true, 2025-07-30", // the examples of activation.md §3.2
      "2025-06-05, true, 2025-06-29",
      "2025-06-14, false, 2025-06-29",
      "2025-06-10, true, 2025-06-29",
      "2025-06-11, true, 2025-07-30",
      "2025-06-29, false, 2025-07-30", // the last two days of a month: next month
      "2025-06-30, false, 2025-07-30",
      "2025-12-20, true, 2026-01-30",
      "2024-02-15, false, 2024-02-28"})
  void orderEndDate(String today, boolean estimated, String expected) {
    assertEquals(LocalDate.parse(expected), OrderDates.orderEndDate(LocalDate.parse(today), estimated));
  }
}
