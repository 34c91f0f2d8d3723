/**
 * The reservation API: reserve a block of ports with
 * {@link io.portreservation.PortReservations}, lease ports from the
 * {@link io.portreservation.PortReservation} and bind servers through each
 * {@link io.portreservation.PortLease}.
 */
@NullMarked
package io.portreservation;

import org.jspecify.annotations.NullMarked;
