/** Delivery of records to the payload files with transport defects, and fleet.csv / truth.csv. */
package com.evalue.simulate.output;
