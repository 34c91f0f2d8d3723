package io.portreservation;

/**
 * The transport protocol a block of ports is reserved for.
 *
 * <p>
 * {@link #TCP_UDP} reserves the same port numbers for both protocols at once, for
 * services that listen on one number with both (HTTP/3 beside HTTPS, DNS, media).
 *
 * <p>
 * Every message and report prints a protocol one way, {@link #toString()}: {@code TCP},
 * {@code UDP} or {@code TCP-UDP}, the configuration's spelling in capitals.
 */
public enum Protocol {

	/** Stream sockets only. */
	TCP(),

	/** Datagram sockets only. */
	UDP(),

	/** The same port numbers for TCP and for UDP. */
	TCP_UDP("TCP-UDP");

	private final String displayName;

	Protocol() {
		this.displayName = name();
	}

	Protocol(String displayName) {
		this.displayName = displayName;
	}

	/**
	 * Whether a block of this protocol can carry TCP listeners.
	 * @return {@code true} for {@link #TCP} and {@link #TCP_UDP}
	 */
	public boolean includesTcp() {
		return this != UDP;
	}

	/**
	 * Whether a block of this protocol can carry UDP sockets.
	 * @return {@code true} for {@link #UDP} and {@link #TCP_UDP}
	 */
	public boolean includesUdp() {
		return this != TCP;
	}

	/**
	 * The protocol as every message prints it.
	 * @return {@code TCP}, {@code UDP} or {@code TCP-UDP}
	 */
	@Override
	public String toString() {
		return this.displayName;
	}

}
