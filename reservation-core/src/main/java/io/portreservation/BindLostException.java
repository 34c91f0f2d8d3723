package io.portreservation;

import org.jspecify.annotations.Nullable;

/**
 * A guarded bind of a channel the caller created did not land on the leased port, or lost
 * the port to another socket in the short window that scheme has. The lease is still
 * held; nothing else got the port through the library.
 */
public class BindLostException extends PortReservationException {

	private static final long serialVersionUID = 1L;

	private final int port;

	/**
	 * Create an exception.
	 * @param port the leased port
	 * @param message what happened
	 * @param cause the bind failure, may be {@code null}
	 */
	public BindLostException(int port, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.port = port;
	}

	/**
	 * The leased port.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
