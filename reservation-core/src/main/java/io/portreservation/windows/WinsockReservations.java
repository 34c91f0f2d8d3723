package io.portreservation.windows;

import io.portreservation.BlockUnavailableException;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;

/**
 * Entry point of the Winsock backend: the Windows kernel's own port reservation
 * ({@code SIO_ACQUIRE_PORT_RESERVATION}), or an administrator's persistent
 * reservation when the request asks for one.
 *
 * <p>Before anything is reserved it checks what the backend needs: the JDK's channel
 * handles ({@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}), ws2_32, and a Windows
 * build whose reservation IOCTLs can be trusted.
 */
public final class WinsockReservations {

	/** The command that shows the ranges Windows (Hyper-V, WinNAT, Docker) keeps for itself. */
	static final String EXCLUDED_RANGES_COMMAND = "netsh int ipv4 show excludedportrange protocol=";

	/** Wildcard TCP+UDP blocks: how many TCP blocks to try before giving up on a matching UDP one. */
	private static final int PAIRING_ATTEMPTS = 16;

	private WinsockReservations() {
	}

	/**
	 * Reserve a block with SIO_ACQUIRE_PORT_RESERVATION, or use a persistent reservation.
	 * @param request what to reserve
	 * @return the held block
	 * @throws BlockUnavailableException if a port of the block is in use or excluded
	 * @throws UnsupportedPlatformException if this JVM or Windows cannot do it
	 */
	public static PortReservation reserve(ReservationRequest request) {
		ChannelSockets.checkAccess();
		Winsock winsock = load();
		if (request.persistent()) {
			return PersistentReservations.use(winsock, request);
		}
		long deadline = System.nanoTime() + request.timeout().toNanos();
		Protocol protocol = request.protocol();
		if (protocol != Protocol.TCP_UDP) {
			return new WinsockReservation(protocol, winsock,
					acquire(winsock, protocol, request.startPort(), request.count(), deadline), null);
		}
		return reservePair(winsock, request, deadline);
	}

	/** TCP first, then UDP on the same numbers; a wildcard pair tries again where UDP is taken. */
	private static PortReservation reservePair(Winsock winsock, ReservationRequest request, long deadline) {
		BlockUnavailableException last = null;
		for (int attempt = 0; attempt < (request.isWildcard() ? PAIRING_ATTEMPTS : 1); attempt++) {
			ReservedBlock tcp = acquire(winsock, Protocol.TCP, request.startPort(), request.count(), deadline);
			try {
				ReservedBlock udp = acquire(winsock, Protocol.UDP, tcp.firstPort(), request.count(), deadline);
				return new WinsockReservation(Protocol.TCP_UDP, winsock, tcp, udp);
			}
			catch (BlockUnavailableException ex) {
				tcp.release(winsock);
				if (!request.isWildcard()) {
					throw ex;
				}
				last = ex;
			}
			catch (RuntimeException ex) {
				tcp.release(winsock);
				throw ex;
			}
		}
		throw new BlockUnavailableException("No block of " + request.count() + " port(s) was free for TCP and UDP"
				+ " alike after " + PAIRING_ATTEMPTS + " tries; " + last.getMessage(), Protocol.TCP_UDP, 0,
				request.count(), -1, last);
	}

	private static ReservedBlock acquire(Winsock winsock, Protocol protocol, int startPort, int count, long deadline) {
		try {
			return Acquisition.acquire(winsock, protocol, startPort, count, deadline);
		}
		catch (WinsockException ex) {
			throw translate(ex, protocol, startPort, count);
		}
	}

	/** The one place where acquire failures become the API's exceptions. */
	static RuntimeException translate(WinsockException ex, Protocol protocol, int startPort, int count) {
		String block = (startPort == 0) ? "any block of " + count + " " + protocol + " port(s)"
				: protocol + " ports " + startPort + "-" + (startPort + count - 1);
		return switch (ex.getErrorCode()) {
			case WinsockConstants.WSAEOPNOTSUPP -> new UnsupportedPlatformException("Windows refused to reserve "
					+ block + " because this system's Winsock does not implement port reservations (" + ex.getMessage()
					+ "). Wine does not implement them; use the held-socket backend there", ex);
			case WinsockConstants.WSAEADDRINUSE, WinsockConstants.WSAEACCES -> new BlockUnavailableException(
					"Windows could not reserve " + block + ": a port in it is in use, or inside an excluded port"
							+ " range or another reservation. Run '" + EXCLUDED_RANGES_COMMAND
							+ protocol.name().toLowerCase(java.util.Locale.ROOT)
							+ "' to see the excluded ranges, and choose a block outside them (" + ex.getMessage() + ")",
					protocol, startPort, count, -1, ex);
			default -> ex;
		};
	}

	private static Winsock load() {
		try {
			WindowsPlatform.check();
			return Winsock.get();
		}
		catch (LinkageError ex) {
			throw new UnsupportedPlatformException("The winsock backend needs Windows' ws2_32.dll and ntdll.dll, which"
					+ " could not be loaded on " + System.getProperty("os.name") + " (" + ex.getMessage()
					+ "); choose the auto or held-socket backend here", ex);
		}
	}

}
