package io.portreservation.windows;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.LongByReference;
import io.portreservation.BlockUnavailableException;
import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.NetworkOrder;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import io.portreservation.windows.jna.WsaError;

/**
 * The backend's use of a persistent reservation: an application finds the one an
 * administrator created ({@link PersistentReservations}) by start port and count and
 * associates its servers with its token. Associating needs an elevated member of
 * Administrators, so that is checked when the reservation is looked up, not at the first
 * server bind.
 */
final class PersistentLookup {

	private PersistentLookup() {
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
		String what = PortRange.describe(protocol, start, count);
		String title = PersistentReservations.title(protocol);
		if (result == WinError.ERROR_NOT_FOUND) {
			throw new BlockUnavailableException("There is no persistent " + what + " reservation of exactly " + count
					+ " port(s) from " + start + ". An administrator creates it once (CreatePersistent" + title
					+ "PortReservation, elevated; in this library's source tree: ./mvnw -pl"
					+ " reservation-test-fixtures,reservation-core process-test-classes exec:exec@winsock-sample"
					+ " \"-Dwinsock.sample.args=persistent-create " + protocol + " " + start + " " + count + "\")",
					protocol, start, count, -1, null);
		}
		if (result != WinError.NO_ERROR) {
			throw new WinsockException("LookupPersistent" + title + "PortReservation(" + what + ")", result,
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
			if (ex.getErrorCode() == WinError.WSAEACCES) {
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

}
