package io.portreservation.heldsocket;

import io.portreservation.PortReservation;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.spi.OperatingSystem;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the held-socket backend (Linux, macOS): a block is held by binding a
 * plain dual-stack socket on each of its ports, kept as a bare descriptor: through the
 * JDK's own natives where {@value DescriptorChannels#FLAG} is given (Linux), else through
 * libc with JNA (see {@link SocketCalls}).
 */
public final class HeldSocketReservations {

	private HeldSocketReservations() {
	}

	/**
	 * Whether this backend holds ports here without JNA: on Linux, where the JDK's own
	 * natives can be reached ({@value DescriptorChannels#FLAG}), the same test
	 * {@link SocketCalls#get()} makes, without settling on JNA where it fails.
	 * @return {@code true} if no JNA class is needed to hold ports
	 */
	public static boolean holdsWithoutJna() {
		return JdkSocketCalls.create() != null;
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
	 * @throws UnsupportedPlatformException if neither the JDK's natives nor libc through
	 * JNA can be reached
	 */
	public static PortReservation reserve(ReservationRequest request) {
		return reserve(request, null);
	}

	/**
	 * Reserve a block with chosen socket calls (benchmarks compare them in one JVM).
	 * @param request what to reserve
	 * @param calls the calls, or {@code null} for {@link SocketCalls#get()}
	 * @return the held block
	 */
	static PortReservation reserve(ReservationRequest request, @Nullable SocketCalls calls) {
		if (OperatingSystem.WINDOWS.isCurrent()) {
			throw new UnsupportedPlatformException("The held-socket backend works on Linux and macOS; on Windows "
					+ "use the winsock backend (or auto, which picks it)");
		}
		HeldBlock block;
		try {
			block = new BlockAcquisition(request, (calls != null) ? calls : SocketCalls.get()).acquire();
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
