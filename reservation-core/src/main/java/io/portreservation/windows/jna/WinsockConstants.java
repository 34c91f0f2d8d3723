package io.portreservation.windows.jna;

/**
 * The Win32 constants the Winsock backend uses that jna-platform does not declare, with
 * the SDK's names. The error codes jna-platform has are used from its
 * {@link com.sun.jna.platform.win32.WinError}, the address families from its
 * {@link com.sun.jna.platform.win32.IPHlpAPI}. Values are from mingw-w64's headers and
 * were measured with its compilers (see docs/windows.md).
 */
public interface WinsockConstants {

	// mstcpip.h: _WSAIOW(IOC_VENDOR, 100..102); they do not fit a signed int, so these
	// are bit patterns.

	/** Acquire a runtime reservation for a block of ports. */
	int SIO_ACQUIRE_PORT_RESERVATION = 0x98000064;

	/** Release a runtime reservation. */
	int SIO_RELEASE_PORT_RESERVATION = 0x98000065;

	/** Tie a socket to a reservation's token before it binds. */
	int SIO_ASSOCIATE_PORT_RESERVATION = 0x98000066;

	// winsock2.h / ws2def.h

	int SOCK_STREAM = 1;

	int SOCK_DGRAM = 2;

	int IPPROTO_TCP = 6;

	int IPPROTO_UDP = 17;

	int IPPROTO_IPV6 = 41;

	/** ws2ipdef.h: 0 makes an AF_INET6 socket dual-stack, as the JDK's channels are. */
	int IPV6_V6ONLY = 27;

	int SOL_SOCKET = 0xFFFF;

	/**
	 * winsock2.h: lets a bind share an address; on Windows it can take a port from a
	 * non-exclusive socket.
	 */
	int SO_REUSEADDR = 4;

	/**
	 * winsock2.h: {@code ~SO_REUSEADDR}; the JDK sets it before every bind on Windows.
	 */
	int SO_EXCLUSIVEADDRUSE = ~4;

	int SOCKET_ERROR = -1;

	/**
	 * winsock2.h: WSASocketW flag; socket() sets it too, and the IOCTLs may block without
	 * it.
	 */
	int WSA_FLAG_OVERLAPPED = 0x01;

	/**
	 * winsock2.h: WSASocketW flag that makes the handle non-inheritable, as the JDK makes
	 * its own; otherwise a child process started with handle inheritance keeps the
	 * socket, and a reservation living on it, alive after this JVM is gone.
	 */
	int WSA_FLAG_NO_HANDLE_INHERIT = 0x80;

	/** winsock2.h: MAKEWORD(2, 2). */
	short WINSOCK_VERSION_2_2 = 0x0202;

	// winsock2.h: the WSA_ names of winerror.h's ERROR_OPERATION_ABORTED and
	// ERROR_IO_PENDING

	int WSA_OPERATION_ABORTED = 995;

	int WSA_IO_PENDING = 997;

}
