package io.portreservation;

/**
 * The mechanism that holds a block of ports.
 *
 * <p>
 * {@link #AUTO} is a choice, never the backend of a live reservation:
 * {@link PortReservations} resolves it to {@link #WINSOCK} on Windows and to
 * {@link #HELD_SOCKET} elsewhere.
 */
public enum Backend {

	/** Winsock on Windows, held sockets elsewhere. */
	AUTO("auto"),

	/**
	 * The Windows kernel's runtime port reservation
	 * ({@code SIO_ACQUIRE_PORT_RESERVATION}): the kernel refuses the block's ports to
	 * every other socket.
	 */
	WINSOCK("winsock"),

	/**
	 * A plain socket bound on every port of the block, so the kernel's ordinary bind
	 * rules keep other processes out (Linux, macOS).
	 */
	HELD_SOCKET("held-socket");

	private final String id;

	Backend(String id) {
		this.id = id;
	}

	/**
	 * The name used in configuration and logs, such as {@code held-socket}.
	 * @return the backend's id
	 */
	public String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
