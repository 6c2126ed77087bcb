/**
 * Shared machinery of the source emitters: report schedules, dropouts, OEM SoH readings, JSON records and
 * formatting.
 */
package com.evalue.simulate.emit;
