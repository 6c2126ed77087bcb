package com.evalue.simulate.tesla;

/** {@code Datum{key = 1, value = 2}}. */
public record TeslaDatum(TeslaField key, TeslaValue value) {}
