/** Deterministic random streams (SplitMix64) derived by name, so a seed gives byte-identical output. */
package com.evalue.simulate.random;
