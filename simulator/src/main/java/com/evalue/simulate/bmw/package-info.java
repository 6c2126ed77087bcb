/** BMW push bodies and CarData poll results (spec: sources.md §4). */
package com.evalue.simulate.bmw;
