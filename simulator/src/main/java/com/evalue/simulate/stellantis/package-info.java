/** Mobilisights car-state exports (spec: sources.md §5). */
package com.evalue.simulate.stellantis;
