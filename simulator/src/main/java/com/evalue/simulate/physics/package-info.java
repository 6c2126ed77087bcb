/**
 * Vehicle physics: climate, true state of health, trips and charging sessions as contiguous segments, and the
 * true state at any instant.
 */
package com.evalue.simulate.physics;
