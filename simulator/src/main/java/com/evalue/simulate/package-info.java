/**
 * A physically plausible simulated EV fleet that writes the native payloads of every OEM source (spec: sources.md),
 * with realistic defects, plus fleet.csv and truth.csv. Entry point: {@link com.evalue.simulate.FleetSimulator}.
 */
package com.evalue.simulate;
