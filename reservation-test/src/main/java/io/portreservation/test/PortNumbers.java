package io.portreservation.test;

import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

/**
 * Port numbers for code that binds a port itself. Each number is a one-port block held
 * from the wildcard search range (never the kernel's ephemeral range, so no outgoing
 * connection or {@code bind(0)} is handed it) until the moment it is returned; only then
 * is it released for the caller to bind.
 */
public final class PortNumbers {

	private PortNumbers() {
	}

	/**
	 * Take a port number: reserve a one-port block and release it as the number is
	 * handed out.
	 * @param protocol the protocol the port was held for
	 * @param forWhat who asks, named if the reservation fails
	 * @return the port number, free to bind from now on
	 */
	public static int take(Protocol protocol, String forWhat) {
		ReservationRequest request = ReservationRequest.anyBlock(protocol, 1);
		try (PortReservation block = PortReservations.reserve(request)) {
			return block.firstPort();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Could not reserve " + request + " for " + forWhat + ": " + ex.getMessage(),
					ex);
		}
	}

}
