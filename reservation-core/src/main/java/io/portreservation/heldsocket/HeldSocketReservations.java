package io.portreservation.heldsocket;

import com.sun.jna.Platform;
import io.portreservation.PortReservation;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;

/**
 * Entry point of the held-socket backend (Linux, macOS): a block is held by binding a
 * plain dual-stack socket on each of its ports, kept as a bare descriptor through JNA.
 */
public final class HeldSocketReservations {

	private HeldSocketReservations() {
	}

	/**
	 * Reserve a block by holding a socket on each of its ports.
	 * @param request what to reserve
	 * @return the held block
	 * @throws io.portreservation.BlockUnavailableException if a port of the block is
	 * taken, or no free block is found before the request's timeout
	 * @throws io.portreservation.InvalidReservationArgumentException if the block has
	 * ports this process may not bind
	 * @throws io.portreservation.NativeReservationException if holding fails otherwise,
	 * for example for lack of file descriptors
	 * @throws UnsupportedPlatformException if libc cannot be reached through JNA
	 */
	public static PortReservation reserve(ReservationRequest request) {
		if (Platform.isWindows()) {
			throw new UnsupportedPlatformException("The held-socket backend works on Linux and macOS; on Windows "
					+ "use the winsock backend (or auto, which picks it)");
		}
		HeldBlock block;
		try {
			block = new BlockAcquisition(request).acquire();
		}
		catch (LinkageError ex) {
			throw new UnsupportedPlatformException("The held-socket backend needs JNA and the C library's socket "
					+ "calls, which cannot be loaded here (" + ex + ")", ex);
		}
		try {
			return new HeldSocketReservation(request.protocol(), block);
		}
		catch (RuntimeException | Error ex) {
			block.close();
			throw ex;
		}
	}

}
