package io.portreservation.windows;

import java.net.Inet4Address;
import java.net.InetAddress;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import io.portreservation.Protocol;
import io.portreservation.windows.jna.IPHlpAPI;
import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RANGE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_INSTANCE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_TOKEN;
import io.portreservation.windows.jna.WinsockTypes.SOCKADDR_IN;
import io.portreservation.windows.jna.WinsockTypes.SOCKADDR_IN6;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import io.portreservation.windows.jna.Ws2_32;
import io.portreservation.windows.jna.WsaError.Call;
import org.jspecify.annotations.Nullable;

/**
 * The Winsock calls the backend makes, each checked: a failed return value is followed at
 * once by {@link Native#getLastError()} and becomes a {@link WinsockException} naming the
 * call and its arguments.
 *
 * <p>
 * Why not {@code WSAGetLastError()}: after every call JNA saves the thread's last error
 * and then calls {@code TlsGetValue} for its own bookkeeping, which clears it; a second
 * JNA call to {@code WSAGetLastError} would read 0 (JNA special-cases only
 * {@code kernel32.GetLastError}). Not {@code throws LastErrorException} either: JNA would
 * then throw on a stale non-zero error after a call that succeeded. The return value
 * decides; the saved error only names the failure.
 */
final class Winsock {

	private static volatile boolean started;

	private final Ws2_32 ws2;

	private Winsock(Ws2_32 ws2) {
		this.ws2 = ws2;
	}

	/**
	 * The Winsock calls, with Winsock initialised for this process. The JDK's own
	 * networking calls WSAStartup too; the count is per process, and like the JDK we
	 * never call WSACleanup.
	 */
	static Winsock get() {
		Winsock winsock = new Winsock(Ws2_32.INSTANCE);
		if (!started) {
			synchronized (Winsock.class) {
				if (!started) {
					int result = Ws2_32.INSTANCE.WSAStartup(WinsockConstants.WINSOCK_VERSION_2_2,
							new Memory(Ws2_32.WSADATA_SIZE));
					if (result != 0) {
						throw new WinsockException("WSAStartup(2.2)", result, Call.STARTUP);
					}
					started = true;
				}
			}
		}
		return winsock;
	}

	/**
	 * A dual-stack AF_INET6 socket of one protocol, like the JDK's own channels.
	 * @param protocol {@link Protocol#TCP} or {@link Protocol#UDP}
	 */
	SOCKET openSocket(Protocol protocol) {
		return openSocket(protocol, IPHlpAPI.AF_INET6);
	}

	/**
	 * A non-inheritable socket of one protocol and family; AF_INET6 ones are dual-stack.
	 * @param protocol {@link Protocol#TCP} or {@link Protocol#UDP}
	 * @param family {@link IPHlpAPI#AF_INET6} or {@link IPHlpAPI#AF_INET}
	 */
	SOCKET openSocket(Protocol protocol, int family) {
		boolean tcp = protocol == Protocol.TCP;
		boolean ipv6 = family == IPHlpAPI.AF_INET6;
		String operation = "WSASocketW(" + (ipv6 ? "AF_INET6" : "AF_INET") + ", "
				+ (tcp ? "SOCK_STREAM, IPPROTO_TCP" : "SOCK_DGRAM, IPPROTO_UDP") + ", WSA_FLAG_NO_HANDLE_INHERIT)";
		SOCKET socket = this.ws2.WSASocketW(family, tcp ? WinsockConstants.SOCK_STREAM : WinsockConstants.SOCK_DGRAM,
				tcp ? WinsockConstants.IPPROTO_TCP : WinsockConstants.IPPROTO_UDP, null, 0,
				WinsockConstants.WSA_FLAG_OVERLAPPED | WinsockConstants.WSA_FLAG_NO_HANDLE_INHERIT);
		if (socket.isInvalid()) {
			throw new WinsockException(operation, lastError(), Call.SOCKET);
		}
		if (ipv6) {
			try {
				setOption(socket, WinsockConstants.IPPROTO_IPV6, WinsockConstants.IPV6_V6ONLY, 0, "IPV6_V6ONLY");
			}
			catch (WinsockException ex) {
				close(socket);
				throw ex;
			}
		}
		return socket;
	}

	void setOption(SOCKET socket, int level, int name, int value, String optionName) {
		if (this.ws2.setsockopt(socket, level, name, new IntByReference(value), 4) != 0) {
			throw new WinsockException("setsockopt(" + optionName + ", " + value + ")", lastError(), Call.SOCKET);
		}
	}

	/**
	 * SIO_ACQUIRE_PORT_RESERVATION. Blocks until the kernel answers; see
	 * {@link Acquisition} for the timeout.
	 * @param socket the socket the reservation will live on
	 * @param startPort the first port, 0 for any block
	 * @param count the number of ports
	 * @param what the block in words, for messages
	 * @return the granted instance
	 */
	INET_PORT_RESERVATION_INSTANCE acquire(SOCKET socket, int startPort, int count, String what) {
		INET_PORT_RANGE range = INET_PORT_RANGE.of(startPort, count);
		INET_PORT_RESERVATION_INSTANCE instance = new INET_PORT_RESERVATION_INSTANCE();
		if (instance.size() < 16 || range.size() != 4) {
			// the documented sizes; a smaller output buffer is refused before the call
			throw new IllegalStateException("INET_PORT_RESERVATION_INSTANCE is " + instance.size()
					+ " bytes and INET_PORT_RANGE " + range.size() + "; expected 16 and 4");
		}
		IntByReference bytesReturned = new IntByReference();
		int result = this.ws2.WSAIoctl(socket, WinsockConstants.SIO_ACQUIRE_PORT_RESERVATION, range.getPointer(),
				range.size(), instance.getPointer(), instance.size(), bytesReturned, null, null);
		if (result != 0) {
			throw new WinsockException("WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, " + what + ")", lastError(),
					Call.ACQUIRE);
		}
		instance.read();
		return instance;
	}

	/**
	 * SIO_ASSOCIATE_PORT_RESERVATION: the socket's bind will take its port from the
	 * reservation. Must come before bind.
	 */
	void associate(SOCKET socket, long token, String what) {
		tokenIoctl(socket, WinsockConstants.SIO_ASSOCIATE_PORT_RESERVATION, token,
				"WSAIoctl(SIO_ASSOCIATE_PORT_RESERVATION, " + what + ")", Call.ASSOCIATE);
	}

	/** SIO_RELEASE_PORT_RESERVATION. */
	void release(SOCKET socket, long token, String what) {
		tokenIoctl(socket, WinsockConstants.SIO_RELEASE_PORT_RESERVATION, token,
				"WSAIoctl(SIO_RELEASE_PORT_RESERVATION, " + what + ")", Call.RELEASE);
	}

	private void tokenIoctl(SOCKET socket, int code, long token, String operation, Call call) {
		INET_PORT_RESERVATION_TOKEN in = INET_PORT_RESERVATION_TOKEN.of(token);
		// bytesReturned is not checked: for these two calls it is undocumented in
		// practice
		IntByReference bytesReturned = new IntByReference();
		if (this.ws2.WSAIoctl(socket, code, in.getPointer(), in.size(), null, 0, bytesReturned, null, null) != 0) {
			throw new WinsockException(operation, lastError(), call);
		}
	}

	/**
	 * Bind natively and report the raw result, for diagnosis.
	 * @return whether the bind failed, and its code
	 */
	Outcome bindForDiagnosis(SOCKET socket, @Nullable InetAddress address, int port) {
		SOCKADDR_IN6 name = SOCKADDR_IN6.of(address, port);
		return (this.ws2.bind(socket, name, name.size()) == 0) ? Outcome.SUCCEEDED : Outcome.failed(lastError());
	}

	/**
	 * Bind a socket made AF_INET natively and report the raw result, for diagnosis.
	 * @param address an IPv4 address, {@code null} for the wildcard
	 * @return whether the bind failed, and its code
	 */
	Outcome bindIpv4ForDiagnosis(SOCKET socket, @Nullable Inet4Address address, int port) {
		SOCKADDR_IN name = SOCKADDR_IN.of(address, port);
		return (this.ws2.bind(socket, name, name.size()) == 0) ? Outcome.SUCCEEDED : Outcome.failed(lastError());
	}

	/**
	 * The Winsock error of the JNA call this thread made last, as JNA saved it right
	 * after the call. Read only after a return value that says the call failed.
	 */
	static int lastError() {
		return Native.getLastError();
	}

	/** closesocket; a failure only means the handle is gone already. */
	void close(SOCKET socket) {
		this.ws2.closesocket(socket);
	}

}
