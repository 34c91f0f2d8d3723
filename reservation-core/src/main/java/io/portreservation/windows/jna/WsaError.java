package io.portreservation.windows.jna;

/**
 * Our own table of the Winsock and Win32 codes the reservation calls can report: the
 * symbolic name and what the code means for each call, from the error tables of the
 * SIO_*_PORT_RESERVATION pages and the iphlpapi reference. Deliberately not
 * FormatMessage, so messages are the same on Windows and on the Linux stand-in.
 */
public final class WsaError {

	/** The call whose failure is explained. */
	public enum Call {

		/** {@code WSAStartup}. */
		STARTUP,

		/** {@code socket} and {@code setsockopt} on the backend's own sockets. */
		SOCKET,

		/** {@code WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION)}. */
		ACQUIRE,

		/** {@code WSAIoctl(SIO_ASSOCIATE_PORT_RESERVATION)}. */
		ASSOCIATE,

		/** {@code WSAIoctl(SIO_RELEASE_PORT_RESERVATION)}. */
		RELEASE,

		/** {@code bind}. */
		BIND,

		/** {@code Create/Lookup/DeletePersistent{Tcp,Udp}PortReservation}. */
		PERSISTENT

	}

	private WsaError() {
	}

	/**
	 * The symbolic name of a code.
	 * @param code a WSA or Win32 error code
	 * @return the name, such as {@code WSAEADDRINUSE}, or {@code error} and the number if not in the table
	 */
	public static String name(int code) {
		return switch (code) {
			case WinsockConstants.NO_ERROR -> "NO_ERROR";
			case WinsockConstants.ERROR_ACCESS_DENIED -> "ERROR_ACCESS_DENIED";
			case WinsockConstants.ERROR_SHARING_VIOLATION -> "ERROR_SHARING_VIOLATION";
			case WinsockConstants.ERROR_NOT_SUPPORTED -> "ERROR_NOT_SUPPORTED";
			case WinsockConstants.ERROR_INVALID_PARAMETER -> "ERROR_INVALID_PARAMETER";
			case WinsockConstants.ERROR_INSUFFICIENT_BUFFER -> "ERROR_INSUFFICIENT_BUFFER";
			case WinsockConstants.ERROR_ALREADY_EXISTS -> "ERROR_ALREADY_EXISTS";
			case WinsockConstants.ERROR_NOT_FOUND -> "ERROR_NOT_FOUND";
			case WinsockConstants.ERROR_NO_SYSTEM_RESOURCES -> "ERROR_NO_SYSTEM_RESOURCES";
			case WinsockConstants.WSA_OPERATION_ABORTED -> "WSA_OPERATION_ABORTED";
			case WinsockConstants.WSA_IO_PENDING -> "WSA_IO_PENDING";
			case WinsockConstants.WSAEINTR -> "WSAEINTR";
			case WinsockConstants.WSAEACCES -> "WSAEACCES";
			case WinsockConstants.WSAEFAULT -> "WSAEFAULT";
			case WinsockConstants.WSAEINVAL -> "WSAEINVAL";
			case WinsockConstants.WSAEMFILE -> "WSAEMFILE";
			case WinsockConstants.WSAEWOULDBLOCK -> "WSAEWOULDBLOCK";
			case WinsockConstants.WSAEINPROGRESS -> "WSAEINPROGRESS";
			case WinsockConstants.WSAENOTSOCK -> "WSAENOTSOCK";
			case WinsockConstants.WSAENOPROTOOPT -> "WSAENOPROTOOPT";
			case WinsockConstants.WSAEPROTONOSUPPORT -> "WSAEPROTONOSUPPORT";
			case WinsockConstants.WSAEOPNOTSUPP -> "WSAEOPNOTSUPP";
			case WinsockConstants.WSAEAFNOSUPPORT -> "WSAEAFNOSUPPORT";
			case WinsockConstants.WSAEADDRINUSE -> "WSAEADDRINUSE";
			case WinsockConstants.WSAEADDRNOTAVAIL -> "WSAEADDRNOTAVAIL";
			case WinsockConstants.WSAENETDOWN -> "WSAENETDOWN";
			case WinsockConstants.WSAENOBUFS -> "WSAENOBUFS";
			case WinsockConstants.WSANOTINITIALISED -> "WSANOTINITIALISED";
			default -> "error " + code;
		};
	}

	/**
	 * What a code means when {@code call} returns it.
	 * @param code a WSA or Win32 error code
	 * @param call the call that failed
	 * @return the meaning, in words
	 */
	public static String meaning(int code, Call call) {
		return switch (code) {
			case WinsockConstants.WSAEINVAL -> switch (call) {
				case ACQUIRE -> "the control code, the INET_PORT_RANGE (start port in network byte order, count in host"
						+ " order, ending at or below 65535) or the output buffer size was not accepted";
				case ASSOCIATE -> "the token names no reservation of this socket's protocol, or the socket is already bound";
				case RELEASE -> "the token names no runtime reservation acquired by this process";
				case BIND -> "the socket is already bound, or the address is not valid for it";
				default -> "an argument was not accepted";
			};
			case WinsockConstants.WSAEOPNOTSUPP -> "the port reservation IOCTLs are not supported by this transport"
					+ " provider or for this socket type (Wine does not implement them)";
			case WinsockConstants.WSAEADDRINUSE -> switch (call) {
				case ACQUIRE -> "a port of the block is in use, or inside an excluded port range or another reservation";
				case BIND -> "another socket is bound to the address, or every port of the associated reservation is in use";
				default -> "the address is in use";
			};
			case WinsockConstants.WSAEACCES -> switch (call) {
				case ASSOCIATE -> "associating with a persistent reservation needs an elevated member of the"
						+ " Administrators group";
				case BIND -> "the port is forbidden to this socket: inside an excluded port range, another process's"
						+ " reservation, or an exclusive bind";
				default -> "access denied";
			};
			case WinsockConstants.WSAENOTSOCK -> "the handle is not a socket";
			case WinsockConstants.WSAEFAULT -> "a buffer is not wholly inside the process's address space";
			case WinsockConstants.WSAEINTR, WinsockConstants.WSA_OPERATION_ABORTED ->
				"the call was cancelled: its socket was closed";
			case WinsockConstants.WSAEINPROGRESS -> "a blocking call is already running on this thread";
			case WinsockConstants.WSAENETDOWN -> "the network subsystem has failed";
			case WinsockConstants.WSANOTINITIALISED -> "WSAStartup has not been called";
			case WinsockConstants.WSAENOBUFS -> (call == Call.BIND)
					? "no port of the associated reservation is free" : "the system ran out of buffer space";
			case WinsockConstants.WSAEMFILE -> "the process has no more socket handles";
			case WinsockConstants.WSAEADDRNOTAVAIL -> "the address is not an address of this machine";
			case WinsockConstants.WSAEAFNOSUPPORT -> "IPv6 is not available (the backend uses dual-stack sockets)";
			case WinsockConstants.WSAENOPROTOOPT -> "the socket option is not supported";
			case WinsockConstants.ERROR_ACCESS_DENIED -> "the caller is not an elevated administrator";
			case WinsockConstants.ERROR_INVALID_PARAMETER -> "the start port or count is 0 or the block runs past 65535";
			case WinsockConstants.ERROR_SHARING_VIOLATION ->
				"a port of the block is in use or the block overlaps another persistent reservation";
			case WinsockConstants.ERROR_NOT_FOUND -> "no persistent reservation has exactly this start port and count";
			default -> "not in this library's table; see the Windows error code reference";
		};
	}

}
