package io.portreservation.windows;

import java.util.Locale;

import com.sun.jna.ptr.LongByReference;
import io.portreservation.BlockUnavailableException;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.NetworkOrder;
import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import io.portreservation.windows.jna.WsaError;

/**
 * Persistent reservations (iphlpapi): an administrator creates one once, it survives
 * restarts, and an application finds it by start port and count and associates its
 * servers with its token. Associating needs an elevated member of Administrators, so
 * that is checked when the reservation is looked up, not at the first server bind.
 */
public final class PersistentReservations {

	private PersistentReservations() {
	}

	static PortReservation use(Winsock winsock, ReservationRequest request) {
		Protocol protocol = request.protocol();
		ReservedBlock tcp = protocol.includesTcp() ? lookup(winsock, Protocol.TCP, request) : null;
		ReservedBlock udp = protocol.includesUdp() ? lookup(winsock, Protocol.UDP, request) : null;
		return new WinsockReservation(protocol, winsock, tcp, udp);
	}

	private static ReservedBlock lookup(Winsock winsock, Protocol protocol, ReservationRequest request) {
		int start = request.startPort();
		int count = request.count();
		LongByReference token = new LongByReference();
		int result = (protocol == Protocol.TCP)
				? IPHlpAPI.INSTANCE.LookupPersistentTcpPortReservation(NetworkOrder.htons(start), (short) count, token)
				: IPHlpAPI.INSTANCE.LookupPersistentUdpPortReservation(NetworkOrder.htons(start), (short) count, token);
		String what = protocol + " " + start + "-" + (start + count - 1);
		if (result == WinsockConstants.ERROR_NOT_FOUND) {
			throw new BlockUnavailableException("There is no persistent " + what + " reservation of exactly " + count
					+ " port(s) from " + start + ". An administrator creates it once (CreatePersistent" + title(protocol)
					+ "PortReservation, elevated; in this library's source tree: ./mvnw -pl reservation-core"
					+ " process-test-classes exec:exec@winsock-sample \"-Dwinsock.sample.args=persistent-create " + protocol
					+ " " + start + " " + count + "\")", protocol, start, count, -1, null);
		}
		if (result != WinsockConstants.NO_ERROR) {
			throw new WinsockException("LookupPersistent" + title(protocol) + "PortReservation(" + what + ")", result,
					WsaError.Call.PERSISTENT);
		}
		ReservedBlock block = ReservedBlock.persistent(protocol, start, count, token.getValue());
		checkAssociation(winsock, block);
		return block;
	}

	/** Associate a throwaway socket, so missing elevation fails at startup. */
	private static void checkAssociation(Winsock winsock, ReservedBlock block) {
		SOCKET probe = winsock.openSocket(block.protocol());
		try {
			winsock.associate(probe, block.token(), block.describe());
		}
		catch (WinsockException ex) {
			if (ex.getErrorCode() == WinsockConstants.WSAEACCES) {
				throw new UnsupportedPlatformException("The persistent reservation " + block.describe() + " exists,"
						+ " but associating a socket with it needs an elevated member of the Administrators group ("
						+ ex.getMessage() + "). Run the application elevated, or reserve at runtime instead (drop the"
						+ " persistent option)", ex);
			}
			throw ex;
		}
		finally {
			winsock.close(probe);
		}
	}

	/**
	 * Create a persistent reservation (elevated administrators only); it stays until
	 * deleted, across restarts.
	 * @param protocol {@link Protocol#TCP} or {@link Protocol#UDP}
	 * @param start the first port, 1 to 65535
	 * @param count the number of ports
	 * @return the token
	 * @throws WinsockException naming the Win32 error
	 */
	public static long create(Protocol protocol, int start, int count) {
		LongByReference token = new LongByReference();
		int result = (protocol == Protocol.TCP)
				? IPHlpAPI.INSTANCE.CreatePersistentTcpPortReservation(NetworkOrder.htons(start), (short) count, token)
				: IPHlpAPI.INSTANCE.CreatePersistentUdpPortReservation(NetworkOrder.htons(start), (short) count, token);
		if (result != WinsockConstants.NO_ERROR) {
			throw new WinsockException("CreatePersistent" + title(protocol) + "PortReservation(" + start + ", " + count
					+ ")", result, WsaError.Call.PERSISTENT);
		}
		return token.getValue();
	}

	/**
	 * Delete a persistent reservation (elevated administrators only).
	 * @param protocol {@link Protocol#TCP} or {@link Protocol#UDP}
	 * @param start the first port
	 * @param count the number of ports
	 * @throws WinsockException naming the Win32 error
	 */
	public static void delete(Protocol protocol, int start, int count) {
		int result = (protocol == Protocol.TCP)
				? IPHlpAPI.INSTANCE.DeletePersistentTcpPortReservation(NetworkOrder.htons(start), (short) count)
				: IPHlpAPI.INSTANCE.DeletePersistentUdpPortReservation(NetworkOrder.htons(start), (short) count);
		if (result != WinsockConstants.NO_ERROR) {
			throw new WinsockException("DeletePersistent" + title(protocol) + "PortReservation(" + start + ", " + count
					+ ")", result, WsaError.Call.PERSISTENT);
		}
	}

	private static String title(Protocol protocol) {
		String name = protocol.name().toLowerCase(Locale.ROOT);
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

}
