package io.portreservation.windows;

import java.util.Locale;

import com.sun.jna.platform.win32.WinError;
import io.portreservation.BlockUnavailableException;
import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.spi.OperatingSystem;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.WinsockException;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the Winsock backend: the Windows kernel's own port reservation
 * ({@code SIO_ACQUIRE_PORT_RESERVATION}), or an administrator's persistent reservation
 * when the request asks for one.
 *
 * <p>
 * Before anything is reserved it checks what the backend needs: ws2_32, a Windows build
 * whose reservation IOCTLs can be trusted, and the JDK's channel handles
 * ({@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}).
 */
public final class WinsockReservations {

	/**
	 * The command that shows the ranges Windows (Hyper-V, WinNAT, Docker) keeps for
	 * itself.
	 */
	static final String EXCLUDED_RANGES_COMMAND = "netsh int ipv4 show excludedportrange protocol=";

	/**
	 * Wildcard TCP+UDP blocks: how many TCP blocks to try before giving up on a matching
	 * UDP one.
	 */
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
		Winsock winsock = load();
		ChannelSockets.checkAccess();
		HolderDesign.current(); // a wrong value fails before anything is reserved
		if (request.persistent()) {
			return PersistentLookup.use(winsock, request);
		}
		long deadline = System.nanoTime() + request.timeout().toNanos();
		Protocol protocol = request.protocol();
		if (protocol == Protocol.TCP_UDP) {
			return reservePair(winsock, request, deadline);
		}
		ReservedBlock block = acquire(winsock, protocol, request.startPort(), request.count(), deadline);
		return (protocol == Protocol.TCP) ? new WinsockReservation(protocol, winsock, block, null)
				: new WinsockReservation(protocol, winsock, null, block);
	}

	/**
	 * TCP first, then UDP on the same numbers; a wildcard pair tries again where UDP is
	 * taken.
	 */
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
		throw new BlockUnavailableException(
				"No block of " + request.count() + " port(s) was free for TCP and UDP" + " alike after "
						+ PAIRING_ATTEMPTS + " tries; " + last.getMessage(),
				Protocol.TCP_UDP, 0, request.count(), -1, last);
	}

	private static ReservedBlock acquire(Winsock winsock, Protocol protocol, int startPort, int count, long deadline) {
		try {
			// the JDK's channels are AF_INET only under preferIPv4Stack: acquire on their
			// family
			int family = ChannelSockets.preferIPv4Stack() ? IPHlpAPI.AF_INET : IPHlpAPI.AF_INET6;
			return Acquisition.acquire(winsock, protocol, family, startPort, count, deadline, HolderDesign.current());
		}
		catch (WinsockException ex) {
			TakenPortSearch.Taken taken = (startPort != 0 && isTaken(ex.getErrorCode()))
					? TakenPortSearch.find(winsock, protocol, startPort, count) : null;
			throw translate(ex, protocol, startPort, count, taken);
		}
	}

	private static boolean isTaken(int code) {
		return code == WinError.WSAEADDRINUSE || code == WinError.WSAEACCES;
	}

	/** The one place where acquire failures become the API's exceptions. */
	static RuntimeException translate(WinsockException ex, Protocol protocol, int startPort, int count,
			TakenPortSearch.@Nullable Taken taken) {
		String block = (startPort == 0) ? "any block of " + count + " " + protocol + " port(s)"
				: protocol + " ports " + PortRange.text(startPort, count);
		if (ex.getErrorCode() == WinError.WSAEOPNOTSUPP) {
			return new UnsupportedPlatformException("Windows refused to reserve " + block + " because this system's"
					+ " Winsock does not implement port reservations (" + ex.getMessage() + "). Wine does not"
					+ " implement them; use the held-socket backend there", ex);
		}
		if (isTaken(ex.getErrorCode())) {
			String which = (taken != null) ? taken.describe(protocol) + ". " : "";
			return new BlockUnavailableException(
					"Windows could not reserve " + block + ": a port in it is in use, or"
							+ " inside an excluded port range or another reservation. " + which + "Run '"
							+ EXCLUDED_RANGES_COMMAND + protocol.name().toLowerCase(Locale.ROOT)
							+ "' to see the excluded ranges, and choose a block outside them (" + ex.getMessage() + ")",
					protocol, startPort, count, (taken != null) ? taken.port() : -1, ex);
		}
		return ex;
	}

	private static Winsock load() {
		try {
			WindowsPlatform.check();
			return Winsock.get();
		}
		catch (LinkageError ex) {
			// Off Windows the loader's message is JNA's whole search path: the cause
			// keeps it.
			String detail = OperatingSystem.WINDOWS.isCurrent() ? " (" + ex.getMessage() + ")" : "";
			throw new UnsupportedPlatformException(
					"The winsock backend needs Windows' ws2_32.dll and ntdll.dll, which" + " could not be loaded on "
							+ System.getProperty("os.name") + detail + "; choose the auto or held-socket backend here",
					ex);
		}
	}

}
