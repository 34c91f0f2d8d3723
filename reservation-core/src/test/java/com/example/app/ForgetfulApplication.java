package com.example.app;

import java.io.IOException;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;

/**
 * Application code, outside the library's packages, that takes a lease and forgets to
 * close it: the frame a leak report must name.
 */
public final class ForgetfulApplication {

	private ForgetfulApplication() {
	}

	/**
	 * Lease a port, start a server on it, and drop both.
	 * @param block the reservation
	 * @return the leased port
	 * @throws IOException if the hand-off fails
	 */
	public static int takeAndForget(PortReservation block) throws IOException {
		PortLease lease = block.lease("forgotten");
		lease.openServerSocketChannel(null, 0);
		return lease.port();
	}

}
