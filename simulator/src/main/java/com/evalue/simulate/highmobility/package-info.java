/** High Mobility Auto API v13 responses (spec: sources.md §3) for mercedes-benz, renault, volvo-cars, ford and kia. */
package com.evalue.simulate.highmobility;
