/**
 * Jetty connectors opened on listening channels handed over by leases.
 */
@NullMarked
package io.portreservation.boot.jetty;

import org.jspecify.annotations.NullMarked;
