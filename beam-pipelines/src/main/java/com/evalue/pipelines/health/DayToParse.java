package com.evalue.pipelines.health;

import java.io.Serializable;
import java.time.LocalDate;

/** A compressed vehicle-day selected for parsing, with the content digest it had when selected. */
public record DayToParse(String vin, LocalDate date, String contentDigest) implements Serializable {}
