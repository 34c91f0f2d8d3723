package io.portreservation;

import io.portreservation.heldsocket.HeldSocketReservations;
import io.portreservation.spi.OperatingSystem;
import io.portreservation.spi.ShutdownRelease;
import io.portreservation.windows.WinsockReservations;

/**
 * The entry point: reserve a block with the backend that fits this platform.
 *
 * <p>
 * {@link Backend#AUTO} means {@link Backend#WINSOCK} on Windows and
 * {@link Backend#HELD_SOCKET} elsewhere. A backend's classes (and JNA's native library)
 * are loaded only when that backend is used; the platform is told by
 * {@link OperatingSystem}, as everywhere in this library.
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
		// if, not a switch on the enum: that compiles to one more class to load on the
		// first reservation
		PortReservation reservation = (resolved == Backend.WINSOCK) ? WinsockReservations.reserve(request)
				: HeldSocketReservations.reserve(request);
		// Only now, with the reservation whole, may the JVM shutdown hook see it.
		ShutdownRelease.releasedAtExit(reservation);
		return reservation;
	}

	/**
	 * The backend {@link Backend#AUTO} stands for on this platform. Public for
	 * integrations that must know the backend before they reserve: the Spring Boot
	 * starter checks the file descriptors held-socket blocks will take.
	 * @param backend a backend, possibly {@link Backend#AUTO}
	 * @return a concrete backend
	 */
	public static Backend resolve(Backend backend) {
		if (backend != Backend.AUTO) {
			return backend;
		}
		return OperatingSystem.WINDOWS.isCurrent() ? Backend.WINSOCK : Backend.HELD_SOCKET;
	}

}
