package io.portreservation.windows;

import java.net.InetAddress;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import org.jspecify.annotations.Nullable;

import io.portreservation.Protocol;
import io.portreservation.windows.jna.WinsockConstants;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.Ws2_32;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RANGE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_INSTANCE;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_TOKEN;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import io.portreservation.windows.jna.WinsockTypes.SOCKADDR_IN6;
import io.portreservation.windows.jna.WsaError.Call;

/**
 * The Winsock calls the backend makes, each checked: a failure reads
 * {@code WSAGetLastError()} at once and becomes a {@link WinsockException} naming the
 * call and its arguments.
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
		boolean tcp = protocol == Protocol.TCP;
		String operation = tcp ? "socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP)" : "socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)";
		SOCKET socket = this.ws2.socket(WinsockConstants.AF_INET6, tcp ? WinsockConstants.SOCK_STREAM
				: WinsockConstants.SOCK_DGRAM, tcp ? WinsockConstants.IPPROTO_TCP : WinsockConstants.IPPROTO_UDP);
		if (socket.isInvalid()) {
			throw new WinsockException(operation, this.ws2.WSAGetLastError(), Call.SOCKET);
		}
		try {
			setOption(socket, WinsockConstants.IPPROTO_IPV6, WinsockConstants.IPV6_V6ONLY, 0, "IPV6_V6ONLY");
		}
		catch (WinsockException ex) {
			close(socket);
			throw ex;
		}
		return socket;
	}

	void setOption(SOCKET socket, int level, int name, int value, String optionName) {
		if (this.ws2.setsockopt(socket, level, name, new IntByReference(value), 4) != 0) {
			throw new WinsockException("setsockopt(" + optionName + ", " + value + ")", this.ws2.WSAGetLastError(),
					Call.SOCKET);
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
			throw new WinsockException("WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, " + what + ")",
					this.ws2.WSAGetLastError(), Call.ACQUIRE);
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
		// bytesReturned is not checked: for these two calls it is undocumented in practice
		IntByReference bytesReturned = new IntByReference();
		if (this.ws2.WSAIoctl(socket, code, in.getPointer(), in.size(), null, 0, bytesReturned, null, null) != 0) {
			throw new WinsockException(operation, this.ws2.WSAGetLastError(), call);
		}
	}

	/**
	 * Bind natively and report the raw result, for diagnosis.
	 * @return 0, or the WSA error code of the failed bind
	 */
	int bindForDiagnosis(SOCKET socket, @Nullable InetAddress address, int port) {
		SOCKADDR_IN6 name = SOCKADDR_IN6.of(address, port);
		return (this.ws2.bind(socket, name, name.size()) == 0) ? 0 : this.ws2.WSAGetLastError();
	}

	/** closesocket; a failure only means the handle is gone already. */
	void close(SOCKET socket) {
		this.ws2.closesocket(socket);
	}

}
