/**
 * Source parsing: native OEM payloads → envelopes (ingestion) and envelopes → canonical signals (raw_tss).
 *
 * <p>Entry points, all pure (no I/O, no clock):
 *
 * <ul>
 *   <li>{@link com.evalue.transforms.source.EnvelopeExtractor#extract} — one received message → accepted envelopes
 *       and rejections (spec: sources.md §1–§5);
 *   <li>{@link com.evalue.transforms.source.ChangeHash#of} — change detection of polled sources (§1.5);
 *   <li>{@link com.evalue.transforms.source.SignalDecoder#decode} — one envelope → long signal records and parse
 *       counters (pipeline.md §1.2);
 *   <li>{@link com.evalue.transforms.source.Signals#columnsFor} — the fixed raw_tss column set of a make
 *       (storage.md §4.1);
 *   <li>{@link com.evalue.transforms.source.DecodeSignals} — the thin Beam adapter around the decoder.
 * </ul>
 *
 * <p>Per-source code lives in the sub-packages {@code tesla}, {@code highmobility}, {@code bmw} and
 * {@code stellantis}; the shared rules (VIN, event-time epoch digits, unit tags, number text, counters) live here.
 *
 * <p>Choices where the spec leaves room:
 *
 * <ul>
 *   <li>BOOLEAN columns travel as {@code number} 1.0/0.0 in {@link com.evalue.transforms.source.SignalValue}.
 *   <li>A bad number or unparseable flag gives <em>no</em> record (counted {@code parse.bad_number}); only Tesla
 *       {@code invalid} gives an explicit-null record, labelled with the canonical signal:
 *       {@code parse.invalid{energy_remaining}}.
 *   <li>A value whose own timestamp (HM property {@code timestamp}, BMW {@code date_of_value}, CarData
 *       {@code timestamp}) is missing or unparseable is dropped and counted {@code parse.bad_timestamp}.
 *   <li>A required unit that is absent is counted with the unit label {@code missing}.
 *   <li>A transport key, when given, is checked against the VIN of every format, not only Tesla's.
 * </ul>
 */
package com.evalue.transforms.source;
