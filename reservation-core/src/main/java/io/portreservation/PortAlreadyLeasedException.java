package io.portreservation;

/**
 * A specific port was asked for that is inside the block but already leased.
 */
public class PortAlreadyLeasedException extends PortReservationException {

	private static final long serialVersionUID = 1L;

	private final int port;

	private final String owner;

	/**
	 * Create an exception.
	 * @param port the port asked for
	 * @param owner the owner of the existing lease
	 */
	public PortAlreadyLeasedException(int port, String owner) {
		super("Port " + port + " is already leased to '" + owner + "'; close that lease first or ask for another port");
		this.port = port;
		this.owner = owner;
	}

	/**
	 * The port asked for.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * The owner of the existing lease.
	 * @return the owner
	 */
	public String getOwner() {
		return this.owner;
	}

}
