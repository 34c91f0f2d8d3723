/**
 * A JUnit Jupiter extension that gives tests held ports and blocks, without Spring:
 * {@link io.portreservation.test.PortReservationExtension} with
 * {@link io.portreservation.test.ReservedBlock} and
 * {@link io.portreservation.test.ReservedPort}.
 */
@NullMarked
package io.portreservation.test;

import org.jspecify.annotations.NullMarked;
