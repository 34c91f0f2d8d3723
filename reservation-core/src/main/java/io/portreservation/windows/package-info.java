/**
 * The Winsock backend: blocks held by the Windows kernel's runtime (or persistent) port
 * reservations, servers bound into them through SIO_ASSOCIATE_PORT_RESERVATION.
 */
@NullMarked
package io.portreservation.windows;

import org.jspecify.annotations.NullMarked;
