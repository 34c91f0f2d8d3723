/**
 * Auto-configuration that binds embedded Tomcat inside the reserved block.
 */
@NullMarked
package io.portreservation.boot.autoconfigure.tomcat;

import org.jspecify.annotations.NullMarked;
