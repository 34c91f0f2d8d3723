/**
 * A Reactor Netty server channel that adopts a listening channel handed over by a lease.
 */
@NullMarked
package io.portreservation.boot.netty;

import org.jspecify.annotations.NullMarked;
