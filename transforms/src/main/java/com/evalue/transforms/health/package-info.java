/**
 * The battery-health stages of spec pipeline.md §1.3–§5 as pure functions, with thin Beam adapters in
 * {@code health.beam}.
 *
 * <p>Packages, in pipeline order (dependencies point down this list, never up; this root package depends on none):
 *
 * <ul>
 *   <li>{@code health} — shared vocabulary: {@link com.evalue.transforms.health.FleetInfo},
 *       {@link com.evalue.transforms.health.PhaseStatus}, {@link com.evalue.transforms.health.SohMethod}, the
 *       counter tally {@link com.evalue.transforms.health.HealthCounters}, and
 *       {@link com.evalue.transforms.health.ColumnSet} (column names/types and get/create by name of the output
 *       records, for Parquet and JDBC writers);
 *   <li>{@code config} — {@link com.evalue.transforms.health.config.AnalyticsConfig}, every key of §6;
 *   <li>{@code stats} — exact medians and quantiles, Theil–Sen, weighted PAV, least squares;
 *   <li>{@code rawtss} — §1.3–§1.5 pivot and the replace-by-data-date merge of storage.md §4.2;
 *   <li>{@code normalise} — §3.1 normalisation and the as-of pairing;
 *   <li>{@code segment} — §3.2 segmentation (exact, step by step) and the §3.3 phase table;
 *   <li>{@code estimate} — §4.1–§4.2 SoH formulas and §4.4 consumption, power, levels, efc;
 *   <li>{@code temperature} — §4.3 Renault temperature fit and its change test;
 *   <li>{@code weekly} — §5 steps 1–9;
 *   <li>{@code history} — the per-VIN facade {@link com.evalue.transforms.health.history.VehicleHistory};
 *   <li>{@code beam} — composites, DoFns and coders.
 * </ul>
 *
 * <p>Choices where the spec leaves room (each is also noted where it is implemented):
 *
 * <ul>
 *   <li>Normalisation collapse (§3.1 step 2): an {@code invalid} report competes like a value, by (received_at,
 *       data_date), so "invalid" survives into the points; the points keep an {@code invalid_signals} column so
 *       that the as-of rule still holds when raw_results reads them back.
 *   <li>Plausibility limit "power [0, 1000] kW" covers {@code charging_power}, {@code ac_charging_power} and
 *       {@code dc_charging_power}.
 *   <li>{@code phase_index} is not renumbered after phases with soc_diff = 0 are dropped, so it equals the
 *       points' {@code seg_phase_index}.
 *   <li>{@code duration_minutes} is fractional (timestamps have microseconds).
 *   <li>{@code soh_method} labels {@code soh_raw} and is null with it; {@code bms_informative} is null for makes
 *       other than Tesla; {@code temp_c} is computed for Renault only.
 *   <li>Mercedes {@code energy_added} with resets sums the non-negative increments between consecutive readings
 *       (a reset's own value is not counted); {@code charge_power} is the fallback whenever {@code session_energy}
 *       gives no valid estimate (including one outside the validity range); it does not require a usable phase.
 *   <li>BMW {@code consumption_oem_mean} replaces the formula on discharging phases only.
 *   <li>Temperature fit: r² is null when var(soh_raw) = 0; a change between two invalid fits is no change.
 *   <li>Weekly rows: a week whose SoH is nulled by the outlier filter or the plausibility rule also has null
 *       {@code soh_estimated_n}, {@code soh_method} and CI ({@code soh_ac_n} likewise); levels and
 *       {@code charged_cycles} are 0 in a week without phases; counts are null (not 0) without estimates.
 *   <li>A Mercedes week mixing session_energy and charge_power estimates is labelled with the more frequent
 *       method (tie: the larger CI floor) and uses the larger of their CI floors.
 *   <li>The outlier x axis and the monotone cap count ISO weeks between Mondays.
 *   <li>Records carry {@code vin} in every output, as storage.md §5 lists for processed_results.
 * </ul>
 */
package com.evalue.transforms.health;
