package io.portreservation;

import org.jspecify.annotations.Nullable;

/**
 * The root of every failure this library reports. Subclasses carry the data a caller
 * needs to react (the port, the block, the native error code).
 */
public class PortReservationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what happened and what to do
	 */
	public PortReservationException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what happened and what to do
	 * @param cause the underlying failure
	 */
	public PortReservationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
