package io.portreservation;

import java.util.Locale;

/**
 * The mechanism that holds a block of ports.
 *
 * <p>{@link #AUTO} is a choice, never the backend of a live reservation:
 * {@link PortReservations} resolves it to {@link #WINSOCK} on Windows and to
 * {@link #HELD_SOCKET} elsewhere.
 */
public enum Backend {

	/** Winsock on Windows, held sockets elsewhere. */
	AUTO("auto"),

	/**
	 * The Windows kernel's runtime port reservation ({@code SIO_ACQUIRE_PORT_RESERVATION}):
	 * the kernel refuses the block's ports to every other socket.
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

	/**
	 * Find a backend by its id or its constant name, ignoring case.
	 * @param value an id such as {@code held-socket} or a name such as {@code HELD_SOCKET}
	 * @return the backend
	 * @throws InvalidReservationArgumentException if no backend has that name
	 */
	public static Backend fromId(String value) {
		String normalized = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		for (Backend backend : values()) {
			if (backend.id.equals(normalized)) {
				return backend;
			}
		}
		throw new InvalidReservationArgumentException(ReservationArgument.BACKEND, value, "one of auto, winsock, held-socket");
	}

	@Override
	public String toString() {
		return this.id;
	}

}
