/**
 * Auto-configuration that binds embedded Jetty inside the reserved block.
 */
@NullMarked
package io.portreservation.boot.autoconfigure.jetty;

import org.jspecify.annotations.NullMarked;
