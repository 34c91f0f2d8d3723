/**
 * A sample application whose servers and UDP echo service live inside a reserved port
 * block.
 */
@NullMarked
package io.portreservation.sample;

import org.jspecify.annotations.NullMarked;
