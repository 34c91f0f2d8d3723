package io.portreservation;

import org.jspecify.annotations.Nullable;

/**
 * A requested block could not be reserved because a port in it is taken by another socket
 * (or, on Windows, lies in an excluded port range), or no free block was found before the
 * timeout.
 */
public class BlockUnavailableException extends PortReservationException {

	private static final long serialVersionUID = 1L;

	private final Protocol protocol;

	private final int firstPort;

	private final int count;

	private final int takenPort;

	private final Reason reason;

	/**
	 * Create an exception.
	 * @param message what happened and what to do
	 * @param protocol the protocol of the requested block
	 * @param firstPort the first port of the requested block, 0 for a wildcard request
	 * @param count the size of the requested block
	 * @param takenPort the first port found taken, or -1 if not known
	 * @param cause the underlying failure, may be {@code null}
	 */
	public BlockUnavailableException(String message, Protocol protocol, int firstPort, int count, int takenPort,
			@Nullable Throwable cause) {
		this(message, protocol, firstPort, count, takenPort, cause,
				(firstPort != 0) ? Reason.PORT_TAKEN : Reason.NO_FREE_BLOCK);
	}

	/**
	 * Create an exception that says why.
	 * @param message what happened and what to do
	 * @param protocol the protocol of the requested block
	 * @param firstPort the first port of the requested block, 0 for a wildcard request
	 * @param count the size of the requested block
	 * @param takenPort the first port found taken, or -1 if not known
	 * @param cause the underlying failure, may be {@code null}
	 * @param reason why the block could not be had
	 */
	public BlockUnavailableException(String message, Protocol protocol, int firstPort, int count, int takenPort,
			@Nullable Throwable cause, Reason reason) {
		super(message, cause);
		this.protocol = protocol;
		this.firstPort = firstPort;
		this.count = count;
		this.takenPort = takenPort;
		this.reason = reason;
	}

	/**
	 * Why the block could not be had.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * The protocol of the requested block.
	 * @return the protocol
	 */
	public Protocol getProtocol() {
		return this.protocol;
	}

	/**
	 * The first port of the requested block.
	 * @return the first port, 0 for a wildcard request
	 */
	public int getFirstPort() {
		return this.firstPort;
	}

	/**
	 * The size of the requested block.
	 * @return the number of ports
	 */
	public int getCount() {
		return this.count;
	}

	/**
	 * The first port found taken.
	 * @return the port, or -1 if the backend could not tell which
	 */
	public int getTakenPort() {
		return this.takenPort;
	}

	/**
	 * Why a block could not be had.
	 */
	public enum Reason {

		/** A port of the requested block is taken by another socket. */
		PORT_TAKEN,

		/** Every block the search could try has a port in use. */
		NO_FREE_BLOCK,

		/** The search ran out of time before it found a free block. */
		TIMED_OUT

	}

}
