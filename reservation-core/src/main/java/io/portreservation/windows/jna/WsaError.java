package io.portreservation.windows.jna;

import com.sun.jna.platform.win32.WinError;

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
	 * @return the name, such as {@code WSAEADDRINUSE}, or {@code error} and the number if
	 * not in the table
	 */
	public static String name(int code) {
		return switch (code) {
			case WinError.NO_ERROR -> "NO_ERROR";
			case WinError.ERROR_ACCESS_DENIED -> "ERROR_ACCESS_DENIED";
			case WinError.ERROR_SHARING_VIOLATION -> "ERROR_SHARING_VIOLATION";
			case WinError.ERROR_NOT_SUPPORTED -> "ERROR_NOT_SUPPORTED";
			case WinError.ERROR_INVALID_PARAMETER -> "ERROR_INVALID_PARAMETER";
			case WinError.ERROR_INSUFFICIENT_BUFFER -> "ERROR_INSUFFICIENT_BUFFER";
			case WinError.ERROR_ALREADY_EXISTS -> "ERROR_ALREADY_EXISTS";
			case WinError.ERROR_NOT_FOUND -> "ERROR_NOT_FOUND";
			case WinError.ERROR_NO_SYSTEM_RESOURCES -> "ERROR_NO_SYSTEM_RESOURCES";
			case WinsockConstants.WSA_OPERATION_ABORTED -> "WSA_OPERATION_ABORTED";
			case WinsockConstants.WSA_IO_PENDING -> "WSA_IO_PENDING";
			case WinError.WSAEINTR -> "WSAEINTR";
			case WinError.WSAEACCES -> "WSAEACCES";
			case WinError.WSAEFAULT -> "WSAEFAULT";
			case WinError.WSAEINVAL -> "WSAEINVAL";
			case WinError.WSAEMFILE -> "WSAEMFILE";
			case WinError.WSAEWOULDBLOCK -> "WSAEWOULDBLOCK";
			case WinError.WSAEINPROGRESS -> "WSAEINPROGRESS";
			case WinError.WSAENOTSOCK -> "WSAENOTSOCK";
			case WinError.WSAENOPROTOOPT -> "WSAENOPROTOOPT";
			case WinError.WSAEPROTONOSUPPORT -> "WSAEPROTONOSUPPORT";
			case WinError.WSAEOPNOTSUPP -> "WSAEOPNOTSUPP";
			case WinError.WSAEAFNOSUPPORT -> "WSAEAFNOSUPPORT";
			case WinError.WSAEADDRINUSE -> "WSAEADDRINUSE";
			case WinError.WSAEADDRNOTAVAIL -> "WSAEADDRNOTAVAIL";
			case WinError.WSAENETDOWN -> "WSAENETDOWN";
			case WinError.WSAENOBUFS -> "WSAENOBUFS";
			case WinError.WSANOTINITIALISED -> "WSANOTINITIALISED";
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
			case WinError.WSAEINVAL -> switch (call) {
				case ACQUIRE -> "the control code, the INET_PORT_RANGE (start port in network byte order, count in host"
						+ " order, ending at or below 65535) or the output buffer size was not accepted";
				case ASSOCIATE ->
					"the token names no reservation of this socket's protocol, or the socket is already bound";
				case RELEASE -> "the token names no runtime reservation acquired by this process";
				case BIND -> "the socket is already bound, or the address is not valid for it";
				default -> "an argument was not accepted";
			};
			case WinError.WSAEOPNOTSUPP -> "the port reservation IOCTLs are not supported by this transport"
					+ " provider or for this socket type (Wine does not implement them)";
			case WinError.WSAEADDRINUSE -> switch (call) {
				case ACQUIRE ->
					"a port of the block is in use, or inside an excluded port range or another reservation";
				case BIND ->
					"another socket is bound to the address, or every port of the associated reservation is in use";
				default -> "the address is in use";
			};
			case WinError.WSAEACCES -> switch (call) {
				case ASSOCIATE -> "associating with a persistent reservation needs an elevated member of the"
						+ " Administrators group";
				case BIND -> "the port is forbidden to this socket: inside an excluded port range, another process's"
						+ " reservation, or an exclusive bind";
				default -> "access denied";
			};
			case WinError.WSAENOTSOCK -> "the handle is not a socket";
			case WinError.WSAEFAULT -> "a buffer is not wholly inside the process's address space";
			case WinError.WSAEINTR, WinsockConstants.WSA_OPERATION_ABORTED ->
				"the call was cancelled: its socket was closed";
			case WinError.WSAEINPROGRESS -> "a blocking call is already running on this thread";
			case WinError.WSAENETDOWN -> "the network subsystem has failed";
			case WinError.WSANOTINITIALISED -> "WSAStartup has not been called";
			case WinError.WSAENOBUFS -> (call == Call.BIND) ? "no port of the associated reservation is free"
					: "the system ran out of buffer space";
			case WinError.WSAEMFILE -> "the process has no more socket handles";
			case WinError.WSAEADDRNOTAVAIL -> "the address is not an address of this machine";
			case WinError.WSAEAFNOSUPPORT -> "IPv6 is not available (the backend uses dual-stack sockets)";
			case WinError.WSAENOPROTOOPT -> "the socket option is not supported";
			case WinError.ERROR_ACCESS_DENIED -> "the caller is not an elevated administrator";
			case WinError.ERROR_INVALID_PARAMETER -> "the start port or count is 0 or the block runs past 65535";
			case WinError.ERROR_SHARING_VIOLATION ->
				"a port of the block is in use or the block overlaps another persistent reservation";
			case WinError.ERROR_NOT_FOUND -> "no persistent reservation has exactly this start port and count";
			default -> "not in this library's table; see the Windows error code reference";
		};
	}

}
