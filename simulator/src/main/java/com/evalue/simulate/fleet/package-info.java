/** The simulated fleet: models of the shipped catalogue, VINs, regions, usage profiles and health at the start. */
package com.evalue.simulate.fleet;
