package io.portreservation.windows;

import io.portreservation.Protocol;
import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import io.portreservation.windows.jna.WsaError;
import org.jspecify.annotations.Nullable;

/**
 * After Windows refused a requested block, finds the first port of it that a plain bind
 * (dual-stack, exclusive, as the JDK binds) is refused, and the code that says why:
 * WSAEADDRINUSE for a socket on it, WSAEACCES for an excluded range. Runs only on
 * failure, and only over the first {@value #LIMIT} ports.
 */
final class TakenPortSearch {

	static final int LIMIT = 4096;

	private TakenPortSearch() {
	}

	/** The first refused port and its code, or {@code null} if every bind succeeded. */
	static @Nullable Taken find(Winsock winsock, Protocol protocol, int start, int count) {
		for (int port = start; port < start + Math.min(count, LIMIT); port++) {
			Outcome outcome;
			try {
				SOCKET socket = winsock.openSocket(protocol);
				try {
					winsock.setOption(socket, WinsockConstants.SOL_SOCKET, WinsockConstants.SO_EXCLUSIVEADDRUSE, 1,
							"SO_EXCLUSIVEADDRUSE");
					outcome = winsock.bindForDiagnosis(socket, null, port);
				}
				finally {
					winsock.close(socket);
				}
			}
			catch (WinsockException ex) {
				return null;
			}
			if (outcome.failed()) {
				return new Taken(port, outcome.code());
			}
		}
		return null;
	}

	/**
	 * A port a plain bind is refused, and why.
	 *
	 * @param port the port
	 * @param code the bind's WSA code
	 */
	record Taken(int port, int code) {

		String describe(Protocol protocol) {
			return "Port " + this.port + " (" + protocol + "): a plain bind fails with " + WsaError.name(this.code)
					+ " (" + this.code + "): " + WsaError.meaning(this.code, WsaError.Call.BIND);
		}

	}

}
