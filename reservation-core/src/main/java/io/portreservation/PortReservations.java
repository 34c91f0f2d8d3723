package io.portreservation;

import java.util.Locale;

import io.portreservation.heldsocket.HeldSocketReservations;
import io.portreservation.windows.WinsockReservations;

/**
 * The entry point: reserve a block with the backend that fits this platform.
 *
 * <p>{@link Backend#AUTO} means {@link Backend#WINSOCK} on Windows and
 * {@link Backend#HELD_SOCKET} elsewhere. A backend's classes (and JNA) are loaded only
 * when that backend is used.
 */
public final class PortReservations {

	private PortReservations() {
	}

	/**
	 * Reserve a block with the platform's backend.
	 * @param request what to reserve
	 * @return the held block
	 * @throws BlockUnavailableException if the block, or any free block, cannot be had
	 * @throws UnsupportedPlatformException if the platform's backend cannot work here
	 */
	public static PortReservation reserve(ReservationRequest request) {
		return reserve(request, Backend.AUTO);
	}

	/**
	 * Reserve a block with a chosen backend.
	 * @param request what to reserve
	 * @param backend the backend, or {@link Backend#AUTO}
	 * @return the held block
	 * @throws BlockUnavailableException if the block, or any free block, cannot be had
	 * @throws UnsupportedPlatformException if the backend cannot work here
	 */
	public static PortReservation reserve(ReservationRequest request, Backend backend) {
		Backend resolved = resolve(backend);
		if (request.persistent() && resolved != Backend.WINSOCK) {
			throw new UnsupportedPlatformException("A persistent reservation exists only on Windows (winsock backend);"
					+ " the " + resolved + " backend cannot use one. Drop the persistent option here");
		}
		// if, not a switch on the enum: that compiles to one more class to load on the first reservation
		if (resolved == Backend.WINSOCK) {
			return WinsockReservations.reserve(request);
		}
		return HeldSocketReservations.reserve(request);
	}

	/**
	 * The backend {@link Backend#AUTO} stands for on this platform.
	 * @param backend a backend, possibly {@link Backend#AUTO}
	 * @return a concrete backend
	 */
	public static Backend resolve(Backend backend) {
		if (backend != Backend.AUTO) {
			return backend;
		}
		return isWindows() ? Backend.WINSOCK : Backend.HELD_SOCKET;
	}

	static boolean isWindows() {
		return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
	}

}
