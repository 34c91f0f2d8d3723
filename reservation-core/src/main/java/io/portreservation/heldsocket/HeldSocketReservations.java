package io.portreservation.heldsocket;

import io.portreservation.PortReservation;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;

/**
 * Entry point of the held-socket backend. (Work in progress: being implemented.)
 */
public final class HeldSocketReservations {

	private HeldSocketReservations() {
	}

	/**
	 * Reserve a block by holding a socket on each of its ports.
	 * @param request what to reserve
	 * @return the held block
	 */
	public static PortReservation reserve(ReservationRequest request) {
		throw new UnsupportedPlatformException("held-socket backend not implemented yet");
	}

}
