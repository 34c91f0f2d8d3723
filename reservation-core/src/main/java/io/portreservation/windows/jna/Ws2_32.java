package io.portreservation.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import io.portreservation.windows.jna.WinsockTypes.SOCKADDR_IN;
import io.portreservation.windows.jna.WinsockTypes.SOCKADDR_IN6;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import org.jspecify.annotations.Nullable;

/**
 * What the Winsock backend calls in {@code ws2_32.dll}; jna-platform's {@code Winsock2}
 * maps none of it. Extends {@link StdCallLibrary} for {@code WSAAPI} (__stdcall) on
 * 32-bit x86; the DLL's export names are undecorated. Calls return what C returns: the
 * caller checks the result and, on failure, reads {@link Native#getLastError()} at once.
 *
 * <p>
 * {@code WSAGetLastError} is deliberately not mapped: called through JNA it reads the
 * thread's last error after JNA's own {@code TlsGetValue} has cleared it, so it answers 0
 * (or an unrelated code) on Windows.
 */
public interface Ws2_32 extends StdCallLibrary {

	/** The library, loaded on first use. */
	Ws2_32 INSTANCE = Native.load("ws2_32", Ws2_32.class, LoadOptions.get());

	/**
	 * {@code int WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)}; returns the
	 * error code itself.
	 * @param wVersionRequested {@link WinsockConstants#WINSOCK_VERSION_2_2}
	 * @param lpWSAData an opaque buffer of at least {@link #WSADATA_SIZE} bytes
	 * @return 0 or a WSA error code
	 */
	int WSAStartup(short wVersionRequested, Pointer lpWSAData);

	/** A buffer size that holds WSADATA on every architecture (408 bytes on x64). */
	int WSADATA_SIZE = 512;

	/**
	 * {@code SOCKET WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo,
	 * GROUP g, DWORD dwFlags)}. Used instead of {@code socket()}, whose handles are
	 * inheritable.
	 * @param af {@link IPHlpAPI#AF_INET6} or {@link IPHlpAPI#AF_INET}
	 * @param type {@link WinsockConstants#SOCK_STREAM} or
	 * {@link WinsockConstants#SOCK_DGRAM}
	 * @param protocol {@link WinsockConstants#IPPROTO_TCP} or
	 * {@link WinsockConstants#IPPROTO_UDP}
	 * @param lpProtocolInfo {@code null}
	 * @param g 0
	 * @param dwFlags {@link WinsockConstants#WSA_FLAG_OVERLAPPED} and
	 * {@link WinsockConstants#WSA_FLAG_NO_HANDLE_INHERIT}
	 * @return the socket, or {@link SOCKET#isInvalid() INVALID_SOCKET}
	 */
	SOCKET WSASocketW(int af, int type, int protocol, @Nullable Pointer lpProtocolInfo, int g, int dwFlags);

	/**
	 * {@code int closesocket(SOCKET s)}.
	 * @param s the socket
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int closesocket(SOCKET s);

	/**
	 * {@code int setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)}
	 * for an int-valued option.
	 * @param s the socket
	 * @param level the level
	 * @param optname the option
	 * @param optval the value
	 * @param optlen 4
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int setsockopt(SOCKET s, int level, int optname, IntByReference optval, int optlen);

	/**
	 * {@code int bind(SOCKET s, const sockaddr *name, int namelen)}, used only to find
	 * the real cause of a failed JDK bind (the JDK turns WSAEACCES into "in use").
	 * @param s the socket
	 * @param name the address
	 * @param namelen its size
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int bind(SOCKET s, SOCKADDR_IN6 name, int namelen);

	/**
	 * {@code bind} for a socket made AF_INET.
	 * @param s the socket
	 * @param name the address
	 * @param namelen its size, 16
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int bind(SOCKET s, SOCKADDR_IN name, int namelen);

	/**
	 * {@code int WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer,
	 * LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
	 * LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)}.
	 * @param s the socket
	 * @param dwIoControlCode the control code (a DWORD bit pattern)
	 * @param lpvInBuffer the input buffer
	 * @param cbInBuffer its size
	 * @param lpvOutBuffer the output buffer, or {@code null}
	 * @param cbOutBuffer its size, 0 without one
	 * @param lpcbBytesReturned receives the bytes written to the output buffer
	 * @param lpOverlapped {@code null}: the call blocks until done
	 * @param lpCompletionRoutine {@code null}
	 * @return 0 or {@link WinsockConstants#SOCKET_ERROR}
	 */
	int WSAIoctl(SOCKET s, int dwIoControlCode, @Nullable Pointer lpvInBuffer, int cbInBuffer,
			@Nullable Pointer lpvOutBuffer, int cbOutBuffer, IntByReference lpcbBytesReturned,
			@Nullable Pointer lpOverlapped, @Nullable Pointer lpCompletionRoutine);

}
