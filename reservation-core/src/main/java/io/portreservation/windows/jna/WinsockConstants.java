package io.portreservation.windows.jna;

/**
 * Every Win32 constant the Winsock backend uses, with the SDK's names. Values are from
 * mingw-w64's headers and were measured with its compilers (see docs/windows.md).
 */
public interface WinsockConstants {

	// mstcpip.h: _WSAIOW(IOC_VENDOR, 100..102); they do not fit a signed int, so these are bit patterns.

	/** Acquire a runtime reservation for a block of ports. */
	int SIO_ACQUIRE_PORT_RESERVATION = 0x98000064;

	/** Release a runtime reservation. */
	int SIO_RELEASE_PORT_RESERVATION = 0x98000065;

	/** Tie a socket to a reservation's token before it binds. */
	int SIO_ASSOCIATE_PORT_RESERVATION = 0x98000066;

	/** mstcpip.h: the token that means "no reservation". */
	long INVALID_PORT_RESERVATION_TOKEN = 0L;

	// winsock2.h / ws2def.h

	int AF_INET6 = 23;

	/** ws2def.h: IPv4 only; the JDK's channels use it with -Djava.net.preferIPv4Stack=true or open(INET). */
	int AF_INET = 2;

	int SOCK_STREAM = 1;

	int SOCK_DGRAM = 2;

	int IPPROTO_TCP = 6;

	int IPPROTO_UDP = 17;

	int IPPROTO_IPV6 = 41;

	/** ws2ipdef.h: 0 makes an AF_INET6 socket dual-stack, as the JDK's channels are. */
	int IPV6_V6ONLY = 27;

	int SOL_SOCKET = 0xFFFF;

	/** winsock2.h: lets a bind share an address; on Windows it can take a port from a non-exclusive socket. */
	int SO_REUSEADDR = 4;

	/** winsock2.h: {@code ~SO_REUSEADDR}; the JDK sets it before every bind on Windows. */
	int SO_EXCLUSIVEADDRUSE = ~4;

	int SOCKET_ERROR = -1;

	/** winsock2.h: WSASocketW flag; socket() sets it too, and the IOCTLs may block without it. */
	int WSA_FLAG_OVERLAPPED = 0x01;

	/**
	 * winsock2.h: WSASocketW flag that makes the handle non-inheritable, as the JDK makes its
	 * own; otherwise a child process started with handle inheritance keeps the socket, and a
	 * reservation living on it, alive after this JVM is gone.
	 */
	int WSA_FLAG_NO_HANDLE_INHERIT = 0x80;

	/** winsock2.h: MAKEWORD(2, 2). */
	short WINSOCK_VERSION_2_2 = 0x0202;

	// winerror.h / psdk_inc/_wsa_errnos.h (WSABASEERR = 10000)

	int WSA_OPERATION_ABORTED = 995;

	int WSA_IO_PENDING = 997;

	int WSAEINTR = 10004;

	int WSAEACCES = 10013;

	int WSAEFAULT = 10014;

	int WSAEINVAL = 10022;

	int WSAEMFILE = 10024;

	int WSAEWOULDBLOCK = 10035;

	int WSAEINPROGRESS = 10036;

	int WSAENOTSOCK = 10038;

	int WSAENOPROTOOPT = 10042;

	int WSAEPROTONOSUPPORT = 10043;

	int WSAEOPNOTSUPP = 10045;

	int WSAEAFNOSUPPORT = 10047;

	int WSAEADDRINUSE = 10048;

	int WSAEADDRNOTAVAIL = 10049;

	int WSAENETDOWN = 10050;

	int WSAENOBUFS = 10055;

	int WSANOTINITIALISED = 10093;

	// winerror.h: the iphlpapi persistent-reservation functions return these directly.

	int NO_ERROR = 0;

	int ERROR_ACCESS_DENIED = 5;

	int ERROR_SHARING_VIOLATION = 32;

	int ERROR_NOT_SUPPORTED = 50;

	int ERROR_INVALID_PARAMETER = 87;

	int ERROR_INSUFFICIENT_BUFFER = 122;

	int ERROR_ALREADY_EXISTS = 183;

	int ERROR_NOT_FOUND = 1168;

	int ERROR_NO_SYSTEM_RESOURCES = 1450;

	/** The first build whose reservation IOCTLs msquic trusts (Windows 10 1809, Server 2019). */
	int FIRST_TRUSTED_BUILD = 17763;

}
