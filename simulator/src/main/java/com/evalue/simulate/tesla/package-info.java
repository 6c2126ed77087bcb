/**
 * Tesla Fleet Telemetry (spec: sources.md §2): the protobuf model, a hand-written proto3 encoder, the
 * protobuf-JSON form and the delta-only emitter.
 */
package com.evalue.simulate.tesla;
