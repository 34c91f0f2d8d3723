package io.portreservation.windows;

import io.portreservation.PortReservation;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;

/**
 * Entry point of the Winsock backend. (Work in progress: being implemented.)
 */
public final class WinsockReservations {

	private WinsockReservations() {
	}

	/**
	 * Reserve a block with SIO_ACQUIRE_PORT_RESERVATION.
	 * @param request what to reserve
	 * @return the held block
	 */
	public static PortReservation reserve(ReservationRequest request) {
		throw new UnsupportedPlatformException("winsock backend not implemented yet");
	}

}
