/**
 * A Tomcat protocol and endpoint that serve on a listening channel handed over by a
 * lease.
 */
@NullMarked
package io.portreservation.boot.tomcat;

import org.jspecify.annotations.NullMarked;
