package io.portreservation.windows;

import java.util.Locale;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.ptr.LongByReference;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.NetworkOrder;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WsaError;

/**
 * Create and delete persistent reservations (iphlpapi), an administrator's task: one is
 * created once and survives restarts. An application uses one through
 * {@link ReservationRequest#persistent(Protocol, int, int)}, which finds it by start port
 * and count.
 */
public final class PersistentReservations {

	private PersistentReservations() {
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
		if (result != WinError.NO_ERROR) {
			throw new WinsockException(
					"CreatePersistent" + title(protocol) + "PortReservation(" + start + ", " + count + ")", result,
					WsaError.Call.PERSISTENT);
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
		if (result != WinError.NO_ERROR) {
			throw new WinsockException(
					"DeletePersistent" + title(protocol) + "PortReservation(" + start + ", " + count + ")", result,
					WsaError.Call.PERSISTENT);
		}
	}

	static String title(Protocol protocol) {
		String name = protocol.name().toLowerCase(Locale.ROOT);
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

}
